package org.cdphub.matching.internal.block;

import org.cdphub.matching.api.Field;
import org.cdphub.matching.internal.compare.Prepared;

/**
 * One blocking key. Records with equal keys are compared; a record without the parts of a key gets none.
 * Phonetic codes come from {@link Phonetics} (Double Metaphone).
 */
public enum BlockingRule {
    /** Phonetic surname + birth year. */
    SURNAME_YEAR {
        @Override
        String key(Prepared r, Phonetics p) {
            String last = p.code(r.get(Field.LAST_NAME));
            return last == null || r.birth() == 0 ? null : last + "|" + r.birth() / 10000;
        }
    },
    /** Phonetic given name + full birth date. */
    GIVEN_DOB {
        @Override
        String key(Prepared r, Phonetics p) {
            String first = p.code(r.get(Field.FIRST_NAME));
            return first == null || r.birth() == 0 ? null : first + "|" + r.birth();
        }
    },
    /** Postcode + first initial of the given name. */
    POSTCODE_INITIAL {
        @Override
        String key(Prepared r, Phonetics p) {
            String pc = r.get(Field.POSTCODE);
            String first = r.get(Field.FIRST_NAME);
            return pc == null || first == null ? null : pc + "|" + first.charAt(0);
        }
    },
    /** Both phonetic names in either order (catches swapped names and wrong dates). */
    NAMES {
        @Override
        String key(Prepared r, Phonetics p) {
            String first = p.code(r.get(Field.FIRST_NAME));
            String last = p.code(r.get(Field.LAST_NAME));
            if (first == null || last == null) {
                return null;
            }
            return first.compareTo(last) <= 0 ? first + "|" + last : last + "|" + first;
        }
    },
    /** Street and street number. */
    ADDRESS {
        @Override
        String key(Prepared r, Phonetics p) {
            String street = r.get(Field.ADDRESS_LINE1);
            String number = r.get(Field.STREET_NUMBER);
            return street == null || number == null ? null : street + "|" + number;
        }
    },
    /** Full birth date + postcode. */
    DOB_POSTCODE {
        @Override
        String key(Prepared r, Phonetics p) {
            String pc = r.get(Field.POSTCODE);
            return pc == null || r.birth() == 0 ? null : r.birth() + "|" + pc;
        }
    },
    /** Phonetic surname + postcode. */
    SURNAME_POSTCODE {
        @Override
        String key(Prepared r, Phonetics p) {
            String last = p.code(r.get(Field.LAST_NAME));
            String pc = r.get(Field.POSTCODE);
            return last == null || pc == null ? null : last + "|" + pc;
        }
    },
    NATIONAL_ID {
        @Override
        String key(Prepared r, Phonetics p) {
            return r.get(Field.NATIONAL_ID);
        }
    },
    PHONE {
        @Override
        String key(Prepared r, Phonetics p) {
            return r.get(Field.PHONE);
        }
    },
    EMAIL {
        @Override
        String key(Prepared r, Phonetics p) {
            return r.get(Field.EMAIL);
        }
    };

    /** The key of the record, or null when it has none under this rule. */
    abstract String key(Prepared r, Phonetics p);

    /** {@link #key} for other packages of this module. */
    public String keyOf(Prepared r, Phonetics p) {
        return key(r, p);
    }
}
