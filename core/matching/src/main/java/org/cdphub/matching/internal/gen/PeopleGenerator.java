package org.cdphub.matching.internal.gen;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Synthetic people seen through CRM, commerce and DMP-like sources. A person has 1 to 5 records; about one in six
 * shares a household (surname, address, landline, a family e-mail, sometimes a device) with another person. Records
 * are shuffled and carry the truth in their id, {@code p<person>-<source>-<n>}.
 */
public final class PeopleGenerator {
    static final String HEADER = "id,firstName,lastName,birthDate,email,phone,streetNumber,addressLine1,"
            + "addressLine2,city,postcode,region,country,nationalId,cookieId,deviceId,source";
    private static final double[] RECORDS_PER_PERSON = {0.40, 0.30, 0.18, 0.08, 0.04};

    private final long seed;
    private final Vocabulary vocabulary;
    private final Zipf firstRank;
    private final Zipf lastRank;
    private final Zipf cityRank;
    private final Set<String> usedEmails = new HashSet<>();
    private final Set<String> usedIds = new HashSet<>();

    /** What was written. */
    public record Stats(int records, int people) {
    }

    public PeopleGenerator(long seed) {
        this.seed = seed;
        this.vocabulary = new Vocabulary(seed);
        this.firstRank = new Zipf(vocabulary.firstNames.size(), 0.7);
        this.lastRank = new Zipf(vocabulary.lastNames.size(), 0.6);
        this.cityRank = new Zipf(vocabulary.cities.size(), 0.5);
    }

    public Stats write(Path file, int records) throws IOException {
        Random r = new Random(seed);
        List<Person> people = new ArrayList<>();
        List<long[]> specs = new ArrayList<>(records); // person index, record count of that person
        int total = 0;
        while (total < records) {
            Person p = newPerson(people.size(), r);
            people.add(p);
            total += addSpecs(specs, p, r, records - total);
            if (total < records && r.nextDouble() < 0.18) {
                Person q = householdMember(people.size(), p, r);
                people.add(q);
                total += addSpecs(specs, q, r, records - total);
            }
        }
        java.util.Collections.shuffle(specs, r);
        RecordWriter writer = new RecordWriter(vocabulary);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            w.write('\n');
            for (long[] spec : specs) {
                Person p = people.get((int) spec[0]);
                Random rr = new Random(seed * 31 + spec[0] * 1_000_003L + spec[1]);
                w.write(writer.record(p, (int) spec[1], rr));
                w.write('\n');
            }
        }
        return new Stats(specs.size(), people.size());
    }

    private static int addSpecs(List<long[]> specs, Person p, Random r, int room) {
        double x = r.nextDouble();
        int count = 1;
        for (double share : RECORDS_PER_PERSON) {
            x -= share;
            if (x < 0) {
                break;
            }
            count++;
        }
        count = Math.min(count, room);
        for (int k = 0; k < count; k++) {
            specs.add(new long[] {p.id, k});
        }
        return count;
    }

    private Person newPerson(int id, Random r) {
        Person p = new Person();
        p.id = id;
        p.first = vocabulary.firstNames.get(firstRank.next(r));
        p.last = vocabulary.lastNames.get(lastRank.next(r));
        p.dob = randomDate(1940, 2006, r);
        p.mobile = "04" + digits(8, r);
        p.landline = r.nextDouble() < 0.3 ? "0" + (2 + r.nextInt(7)) + digits(8, r) : null;
        setAddress(p, r);
        if (r.nextDouble() < 0.25) {
            Person old = new Person();
            setAddress(old, r);
            p.oldAddress = new String[] {old.streetNumber, old.street, old.line2, old.city, old.postcode, old.region};
        }
        p.email = uniqueEmail(emailName(p.first, p.last, r) + "@" + Vocabulary.pick(r, Vocabulary.DOMAINS), r);
        p.workEmail = r.nextDouble() < 0.2
                ? uniqueEmail(p.first + "." + p.last + "@" + vocabulary.cities.get(r.nextInt(3000)).replace(" ", "")
                + ".com.au", r) : null;
        do {
            p.nationalId = digits(9, r);
        } while (!usedIds.add(p.nationalId));
        p.deviceId = java.util.UUID.nameUUIDFromBytes(("dev" + id + seed).getBytes(StandardCharsets.UTF_8)).toString();
        return p;
    }

    private Person householdMember(int id, Person p, Random r) {
        Person q = newPerson(id, r);
        while (q.first.equals(p.first)) {
            q.first = vocabulary.firstNames.get(firstRank.next(r));
        }
        if (r.nextDouble() < 0.85) {
            q.last = p.last;
        }
        q.dob = r.nextBoolean() ? shiftYears(p.dob, r.nextInt(13) - 6, r) : shiftYears(p.dob, 22 + r.nextInt(14), r);
        q.streetNumber = p.streetNumber;
        q.street = p.street;
        q.line2 = p.line2;
        q.city = p.city;
        q.postcode = p.postcode;
        q.region = p.region;
        q.landline = p.landline;
        String family = uniqueEmail(p.last + (r.nextBoolean() ? "family" : "s") + "@"
                + Vocabulary.pick(r, Vocabulary.DOMAINS), r);
        p.familyEmail = family;
        q.familyEmail = family;
        if (r.nextDouble() < 0.3) {
            q.deviceId = p.deviceId; // a shared tablet: anonymous ids must not link the two
        }
        return q;
    }

    private void setAddress(Person p, Random r) {
        p.streetNumber = String.valueOf(1 + r.nextInt(r.nextBoolean() ? 60 : 400));
        p.street = vocabulary.streets.get(r.nextInt(vocabulary.streets.size())) + " "
                + Vocabulary.pick(r, Vocabulary.STREET_TYPES);
        p.line2 = r.nextDouble() < 0.2 ? Vocabulary.pick(r, new String[] {"unit", "apt", "flat", "level"}) + " "
                + (1 + r.nextInt(40)) : null;
        int city = cityRank.next(r);
        p.city = vocabulary.cities.get(city);
        int postcode = 1000 + (city * 7919 + r.nextInt(3) * 3) % 9000;
        p.postcode = String.valueOf(postcode);
        p.region = Vocabulary.REGIONS[postcode / 1000 - 1 < 8 ? postcode / 1000 - 1 : 7];
    }

    private String emailName(String first, String last, Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> first + "." + last;
            case 1 -> first.charAt(0) + last;
            case 2 -> first + last + (10 + r.nextInt(90));
            case 3 -> first + "_" + last.charAt(0) + (r.nextInt(1000));
            default -> last + "." + first;
        };
    }

    private String uniqueEmail(String email, Random r) {
        String e = email;
        while (!usedEmails.add(e)) {
            int at = email.indexOf('@');
            e = email.substring(0, at) + r.nextInt(10000) + email.substring(at);
        }
        return e;
    }

    static int randomDate(int fromYear, int toYear, Random r) {
        int y = fromYear + r.nextInt(toYear - fromYear);
        int m = 1 + r.nextInt(12);
        int d = 1 + r.nextInt(java.time.YearMonth.of(y, m).lengthOfMonth());
        return y * 10000 + m * 100 + d;
    }

    private static int shiftYears(int dob, int years, Random r) {
        int y = dob / 10000 + years;
        int m = 1 + r.nextInt(12);
        int d = 1 + r.nextInt(28);
        return y * 10000 + m * 100 + d;
    }

    static String digits(int n, Random r) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = (char) ('0' + r.nextInt(10));
        }
        return new String(c);
    }
}
