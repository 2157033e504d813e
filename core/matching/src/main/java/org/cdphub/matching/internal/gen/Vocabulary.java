package org.cdphub.matching.internal.gen;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Name, street and city vocabularies: common real names first, then pronounceable synthetic ones, so that a million
 * records have a realistic long tail instead of a few hundred names.
 */
final class Vocabulary {
    private static final String[] FIRST = ("james john robert michael william david richard joseph thomas charles "
            + "christopher daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george "
            + "timothy ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott "
            + "brandon benjamin samuel gregory alexander patrick frank raymond jack dennis jerry tyler aaron jose adam "
            + "nathan henry peter zachary douglas harold kyle noah gerald carl keith roger arthur terry lawrence sean "
            + "christian ethan austin joe albert jesse willie billy bryan bruce jordan ralph roy alan wayne eugene "
            + "juan gabriel louis russell randy vincent philip logan bobby harry johnny mary patricia jennifer linda "
            + "elizabeth barbara susan jessica sarah karen lisa nancy betty sandra margaret ashley kimberly emily "
            + "donna michelle carol amanda melissa deborah stephanie dorothy rebecca sharon laura cynthia amy kathleen "
            + "angela shirley brenda emma anna pamela nicole samantha katherine christine helen debra rachel carolyn "
            + "janet maria catherine heather diane olivia julie joyce victoria ruth virginia lauren kelly christina "
            + "joan evelyn judith andrea hannah megan cheryl jacqueline martha madison teresa gloria sara janice ann "
            + "kathryn abigail sophia frances jean alice judy isabella julia grace amber denise danielle marilyn "
            + "beverly charlotte natalie theresa diana brittany doris kayla alexis lori marie sofia lucas mia chloe "
            + "ella zoe lily ava ruby jasmine liam oliver lachlan jayden harrison cooper riley bailey mitchell").split(" ");
    private static final String[] LAST = ("smith johnson williams brown jones garcia miller davis rodriguez martinez "
            + "hernandez lopez gonzalez wilson anderson thomas taylor moore jackson martin lee perez thompson white "
            + "harris sanchez clark ramirez lewis robinson walker young allen king wright scott torres nguyen hill "
            + "flores green adams nelson baker hall rivera campbell mitchell carter roberts gomez phillips evans turner "
            + "diaz parker cruz edwards collins reyes stewart morris morales murphy cook rogers gutierrez ortiz morgan "
            + "cooper peterson bailey reed kelly howard ramos kim cox ward richardson watson brooks chavez wood james "
            + "bennett gray mendoza ruiz hughes price alvarez castillo sanders patel myers long ross foster jimenez "
            + "powell jenkins perry russell sullivan bell coleman butler henderson barnes gonzales fisher vasquez "
            + "simmons romero jordan patterson alexander hamilton graham reynolds griffin wallace moreno west cole "
            + "hayes bryant herrera gibson ellis tran medina aguilar stevens murray ford castro marshall owens harrison "
            + "fernandez mcdonald woods washington kennedy wells vargas henry chen freeman webb tucker guzman burns "
            + "crawford olson simpson porter hunter gordon mendez silva shaw snyder mason dixon munoz hunt hicks holmes "
            + "palmer wagner black robertson boyd rose stone salazar fox warren mills meyer rice schmidt garza daniels "
            + "ferguson nichols stephens soto weaver ryan gardner payne grant dunn kelley spencer hawkins arnold pierce "
            + "hansen peters santos hart bradley knight elliott cunningham duncan armstrong hudson carroll lane riley "
            + "andrews ray berry perkins hoffman johnston matthews pena richards willis carpenter lawrence sandoval").split(" ");
    private static final String[] ONSET = {"b", "br", "c", "ch", "cl", "d", "dr", "f", "fr", "g", "gr", "h", "j", "k",
        "kr", "l", "m", "n", "p", "pr", "r", "s", "sh", "st", "t", "tr", "v", "w", "wh", "z", "bl", "gl", "sl", "sp"};
    private static final String[] VOWEL = {"a", "e", "i", "o", "u", "ai", "ea", "ou", "ie", "oo", "ay", "y"};
    private static final String[] CODA = {"n", "r", "s", "l", "ck", "ll", "nd", "rt", "th", "ton", "son", "ley",
        "man", "field", "wood", "berg", "ford", "well", "by", "er", "ham", "stein", "ski", "ez", "ini", "elli"};
    private static final String[] FIRST_END = {"a", "ia", "ina", "o", "an", "en", "on", "el", "ie", "y", "us", "ah",
        "ette", "ine", "ard", "ick", "ias", "ara", "ella", "ric"};
    static final String[] STREET_TYPES = {"street", "road", "avenue", "lane", "court", "drive", "place", "crescent",
        "way", "terrace", "circuit", "parade"};
    static final String[] DOMAINS = {"gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com",
        "bigpond.com", "mail.com", "proton.me", "live.com", "optusnet.com.au"};
    static final String[] REGIONS = {"nsw", "vic", "qld", "wa", "sa", "tas", "act", "nt"};

    final List<String> firstNames;
    final List<String> lastNames;
    final List<String> streets;
    final List<String> cities;

    Vocabulary(long seed) {
        Random r = new Random(seed);
        firstNames = build(FIRST, 3000, r, () -> pick(r, ONSET) + pick(r, VOWEL) + pick(r, FIRST_END));
        lastNames = build(LAST, 30000, r, () -> pick(r, ONSET) + pick(r, VOWEL) + pick(r, CODA)
                + (r.nextInt(3) == 0 ? pick(r, VOWEL) + pick(r, CODA) : ""));
        streets = build(new String[0], 3000, r, () -> pick(r, ONSET) + pick(r, VOWEL) + pick(r, CODA));
        cities = build(new String[0], 3000, r, () -> pick(r, ONSET) + pick(r, VOWEL) + pick(r, CODA)
                + (r.nextInt(4) == 0 ? " " + pick(r, new String[] {"north", "south", "east", "west", "heights",
                "park", "valley", "hill", "bay", "creek"}) : ""));
    }

    private static List<String> build(String[] real, int size, Random r, java.util.function.Supplier<String> synth) {
        Set<String> out = new LinkedHashSet<>(List.of(real));
        while (out.size() < size) {
            String s = synth.get();
            if (s.length() >= 3) {
                out.add(s);
            }
        }
        return new ArrayList<>(out);
    }

    static String pick(Random r, String[] from) {
        return from[r.nextInt(from.length)];
    }
}
