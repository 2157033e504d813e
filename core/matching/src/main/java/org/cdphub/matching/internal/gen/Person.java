package org.cdphub.matching.internal.gen;

/** The truth about one synthetic person; records are noisy views of it. */
final class Person {
    int id;
    String first;
    String last;
    int dob;
    String email;
    String workEmail;
    String familyEmail;
    String mobile;
    String landline;
    String streetNumber;
    String street;
    String line2;
    String city;
    String postcode;
    String region;
    /** A previous address, used by some sources; null when the person never moved. */
    String[] oldAddress;
    String nationalId;
    String deviceId;
}
