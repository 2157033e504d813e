package org.cdphub.matching.internal.gen;

import java.util.Random;

/** One noisy CSV row of a person as a CRM, a commerce system or a DMP would hold it. */
final class RecordWriter {
    private static final String[] SOURCES = {"crm", "shop", "dmp"};
    private static final double TYPO = 0.06;
    private static final double MISSING = 0.04;
    private static final double PLACEHOLDER = 0.02;

    RecordWriter(Vocabulary vocabulary) {
    }

    String record(Person p, int k, Random r) {
        double x = r.nextDouble();
        String source = SOURCES[x < 0.42 ? 0 : x < 0.82 ? 1 : 2];
        String first = p.first;
        String last = p.last;
        int dob = p.dob;
        String email = p.email;
        String phone = p.mobile;
        String[] address = {p.streetNumber, p.street, p.line2, p.city, p.postcode, p.region};
        if (p.oldAddress != null && r.nextDouble() < 0.35) {
            address = p.oldAddress.clone();
        }
        if (p.familyEmail != null && r.nextDouble() < (source.equals("shop") ? 0.4 : 0.2)) {
            email = p.familyEmail;
        } else if (p.workEmail != null && r.nextDouble() < 0.3) {
            email = p.workEmail;
        }
        if (p.landline != null && r.nextDouble() < 0.4) {
            phone = p.landline;
        }
        boolean crm = source.equals("crm");
        boolean dmp = source.equals("dmp");
        String nationalId = crm && r.nextDouble() < 0.3 ? p.nationalId : null;
        boolean hasDob = r.nextDouble() < (crm ? 0.92 : dmp ? 0.25 : 0.4);
        boolean hasPhone = r.nextDouble() < (crm ? 0.75 : dmp ? 0.15 : 0.6);
        boolean hasEmail = r.nextDouble() < (crm ? 0.85 : dmp ? 0.8 : 1.0);
        boolean hasNames = !dmp || !hasEmail || r.nextDouble() < 0.6;
        boolean hasStreet = !dmp;
        if (r.nextDouble() < 0.03) {
            String t = first;
            first = last;
            last = t;
        }
        String[] v = new String[16];
        v[0] = hasNames ? typo(first, r) : null;
        v[1] = hasNames ? typo(last, r) : null;
        v[2] = hasDob ? Corruptor.formatDate(r.nextDouble() < TYPO ? Corruptor.date(dob, r) : dob, r) : null;
        v[3] = hasEmail ? typo(email, r) : null;
        v[4] = hasPhone ? Corruptor.formatPhone(r.nextDouble() < TYPO ? Corruptor.typo(phone, r) : phone, r) : null;
        v[5] = hasStreet ? typo(address[0], r) : null;
        v[6] = hasStreet ? typo(address[1], r) : null;
        v[7] = hasStreet ? address[2] : null;
        v[8] = dmp && r.nextBoolean() ? null : typo(address[3], r);
        v[9] = typo(address[4], r);
        v[10] = address[5];
        v[11] = "au";
        v[12] = nationalId == null ? null : typo(nationalId, r);
        v[13] = dmp ? "ck-" + Long.toHexString(r.nextLong()) : null;
        v[14] = dmp ? p.deviceId : null;
        v[15] = source;
        String[] columns = {"firstName", "lastName", "birthDate", "email", "phone", "streetNumber", "addressLine1",
            "addressLine2", "city", "postcode", "region", "country", "nationalId", "cookieId", "deviceId", "source"};
        StringBuilder sb = new StringBuilder(200).append('p').append(p.id).append('-').append(source).append('-')
                .append(k);
        for (int i = 0; i < v.length; i++) {
            String value = v[i];
            if (i < 13 && value != null) {
                double y = r.nextDouble();
                if (y < MISSING) {
                    value = null;
                } else if (y < MISSING + PLACEHOLDER) {
                    value = Corruptor.placeholder(columns[i], r);
                }
            }
            if (value != null && i < 2) {
                value = Corruptor.capitalise(value, r);
            }
            sb.append(',').append(value == null ? "" : value);
        }
        return sb.toString();
    }

    private static String typo(String s, Random r) {
        return s != null && r.nextDouble() < TYPO ? Corruptor.typo(s, r) : s;
    }
}
