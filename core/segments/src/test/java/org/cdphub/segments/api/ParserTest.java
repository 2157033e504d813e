package org.cdphub.segments.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.cdphub.api.model.ConsentStatus;
import org.junit.jupiter.api.Test;

/** The definition syntax: the full example, JSON, and errors that name file and line. */
class ParserTest {

    static final String EXAMPLE = """
            name: repeat-buyers-nl
            description: Dutch customers with 3+ orders
            condition:
              all:
                - trait: country
                  equals: NL
                - trait: orderCount
                  gte: 3
                - not: { segment: churned }
                - event: page
                  where: { path: { startsWith: /shoes } }
                  atLeast: 3
                  within: P14D
                - event: add_to_cart
                  notFollowedBy: { event: order, within: PT24H }
                - birthday: { withinDays: 7 }
                - location: { near: { lat: 52.37, lon: 4.89 }, radiusKm: 25 }
                - consent: marketing/email
                - audience: dmp-sports-fans
                - trait: email
                  exists: true
                - trait: daysSinceLastOrder   # derived from lastOrderAt and now
                  gt: 30
            """;

    @Test
    void parsesTheFullExampleIntoTheExpectedTree() throws Exception {
        SegmentDefinition d = SegmentParser.parse("repeat-buyers-nl.yaml", EXAMPLE);
        assertThat(d.name()).isEqualTo("repeat-buyers-nl");
        assertThat(d.description()).isEqualTo("Dutch customers with 3+ orders");
        assertThat(d.source()).isEqualTo("repeat-buyers-nl.yaml");
        List<Condition> all = ((Condition.All) d.condition()).conditions();
        assertThat(all).hasSize(11);
        assertThat(all.get(0)).isEqualTo(new Condition.Trait("country", List.of(new ValueTest.Equals("NL", false))));
        assertThat(all.get(2)).isEqualTo(new Condition.Not(new Condition.InSegment("churned")));
        assertThat(all.get(3)).isEqualTo(new Condition.EventCount(new Condition.EventFilter("page", Map.of("path",
                List.of(new ValueTest.Text(ValueTest.TextOp.STARTS_WITH, "/shoes", false)))), 3, null,
                Duration.ofDays(14)));
        assertThat(all.get(4)).isEqualTo(new Condition.NotFollowedBy(new Condition.EventFilter("add_to_cart",
                Map.of()), new Condition.EventFilter("order", Map.of()), Duration.ofHours(24), null));
        assertThat(all.get(5)).isEqualTo(new Condition.Birthday("birthDate", 7));
        assertThat(all.get(6)).isEqualTo(new Condition.Near(52.37, 4.89, 25));
        assertThat(all.get(7)).isEqualTo(new Condition.ConsentState("marketing", "email", ConsentStatus.GRANTED));
        assertThat(all.get(8)).isEqualTo(new Condition.Audience("dmp-sports-fans"));
        assertThat(all.get(10)).isInstanceOf(Condition.DaysSince.class)
                .extracting(c -> ((Condition.DaysSince) c).trait()).isEqualTo("lastOrderAt");
    }

    @Test
    void readsJson() throws Exception {
        String json = """
                {"name": "nl", "description": "Dutch",
                 "condition": {"any": [{"trait": "country", "in": ["NL", "BE"]}, {"event": "order", "within": "P30D"}]}}
                """;
        SegmentDefinition d = SegmentParser.parse("nl.json", json);
        assertThat(d.condition()).isInstanceOf(Condition.Any.class);
    }

    private static String error(String file, String text) {
        try {
            SegmentParser.parse(file, text);
        } catch (DefinitionException e) {
            assertThat(e.getMessage()).isEqualTo(e.file() + ":" + e.line() + ": " + e.problem());
            return e.getMessage();
        }
        throw new AssertionError("no error for " + text);
    }

    @Test
    void anUnknownTopLevelKeyNamesFileAndLine() {
        assertThat(error("nl.yaml", "name: nl\ndescripton: typo\ncondition: { segment: x }\n"))
                .startsWith("nl.yaml:2: unknown key 'descripton' in a segment definition");
    }

    @Test
    void anUnknownOperatorNamesItsLine() {
        String text = """
                name: nl
                condition:
                  all:
                    - trait: country
                      greaterThan: 3
                """;
        assertThat(error("nl.yaml", text)).startsWith("nl.yaml:5: unknown operator 'greaterThan' for trait 'country'");
    }

    @Test
    void anUnknownConditionKindNamesItsLine() {
        assertThat(error("x.yaml", "name: x\ncondition:\n  any:\n    - traits: country\n      equals: NL\n"))
                .startsWith("x.yaml:4: unknown key 'traits': a condition starts with one of all, any, not, trait");
    }

    @Test
    void anUnknownKeyInsideAnEventCondition() {
        assertThat(error("x.yaml", "name: x\ncondition:\n  event: page\n  atleast: 3\n"))
                .startsWith("x.yaml:4: unknown key 'atleast' in an event condition");
    }

    @Test
    void aBadDurationNamesItsLine() {
        assertThat(error("x.yaml", "name: x\ncondition:\n  event: page\n  within: 14 days\n"))
                .startsWith("x.yaml:4: bad duration '14 days' for 'within'");
        assertThat(error("x.yaml", "name: x\ncondition:\n  event: page\n  within: P1M\n"))
                .startsWith("x.yaml:4: bad duration 'P1M'");
        assertThat(error("x.yaml", "name: x\ncondition:\n  event: page\n  within: PT0S\n"))
                .startsWith("x.yaml:4: 'within' must be longer than zero");
    }

    @Test
    void aWrongTypeNamesItsLine() {
        assertThat(error("x.yaml", "name: x\ncondition:\n  event: page\n  atLeast: three\n"))
                .isEqualTo("x.yaml:4: 'atLeast' must be a whole number, found a text");
        assertThat(error("x.yaml", "name: x\ncondition:\n  trait: a\n  in: NL\n"))
                .isEqualTo("x.yaml:4: 'in' must be a list, found a text");
        assertThat(error("x.yaml", "name: x\ncondition:\n  trait: a\n  exists: yes please\n"))
                .isEqualTo("x.yaml:4: 'exists' must be true or false, found a text");
        assertThat(error("x.yaml", "name: x\ncondition:\n  all: { trait: a }\n"))
                .isEqualTo("x.yaml:3: 'all' must be a list, found a mapping");
        assertThat(error("x.yaml", "name: x\ncondition:\n  birthday: { withinDays: 0 }\n"))
                .isEqualTo("x.yaml:3: 'withinDays' must be between 1 and 366, found 0");
    }

    @Test
    void otherMistakes() {
        assertThat(error("x.yaml", "name: X Y\ncondition: { segment: a }\n")).startsWith("x.yaml:1: invalid name 'X Y'");
        assertThat(error("x.yaml", "name: x\n")).startsWith("x.yaml:1: a segment definition needs 'condition'");
        assertThat(error("x.yaml", "")).isEqualTo("x.yaml:1: the file is empty");
        assertThat(error("x.yaml", "name: x\ncondition:\n  trait: a\n  event: b\n"))
                .startsWith("x.yaml:4: a condition has exactly one of");
        assertThat(error("x.yaml", "name: x\ncondition:\n  trait: a\n")).startsWith("x.yaml:3: trait 'a' needs an operator");
        assertThat(error("x.yaml", "name: x\ncondition:\n  trait: a\n  gt: 1\n  gt: 2\n"))
                .isEqualTo("x.yaml:5: duplicate key 'gt' (first on line 4)");
        assertThat(error("x.yaml", "name: x\ncondition:\n  consent: marketing\n"))
                .startsWith("x.yaml:3: consent must be written purpose/channel");
        assertThat(error("x.yaml", "name: x\ncondition:\n  location: { near: { lat: 52, lon: 5 } }\n"))
                .startsWith("x.yaml:3: 'near' and 'radiusKm' go together");
        assertThat(error("x.yaml", "name: x\ncondition:\n  event: cart\n  atLeast: 1\n  notFollowedBy: { event: order, within: 1d }\n"))
                .startsWith("x.yaml:4: 'atLeast' cannot be combined with 'notFollowedBy'");
        assertThat(error("x.yaml", "name: x\ncondition:\n  event: cart\n  within: 1d\n  notFollowedBy: { event: order, within: 2d }\n"))
                .startsWith("x.yaml:4: 'within' (PT24H) must be longer than the notFollowedBy window (PT48H)");
        assertThat(error("x.yaml", "name: x\ncondition:\n  trait: a\n  gt: 1\n  ignoreCase: true\n"))
                .startsWith("x.yaml:5: 'ignoreCase' only applies to");
        assertThat(error("x.yaml", "name: x\ncondition: { segment: a }\n---\nname: y\n"))
                .startsWith("x.yaml:4: one definition per file");
    }

    @Test
    void malformedYamlAndJsonReportTheirLine() {
        assertThat(error("x.yaml", "name: x\ncondition:\n  all:\n    - trait: a\n   equals: [1\n"))
                .startsWith("x.yaml:").contains("not valid YAML");
        String bad = error("x.json", "{\"name\": \"x\",\n \"condition\": {\"segment\": \"a\"}\n \"extra\": 1}");
        assertThat(bad).startsWith("x.json:3: not valid JSON");
        assertThat(error("x.json", "{\"name\": \"x\",\n \"condition\": {\"segment\": \"a\"},\n \"colour\": 1}"))
                .startsWith("x.json:3: unknown key 'colour'");
    }

    @Test
    void aScriptTagIsJustAnUnknownKey() {
        assertThat(error("x.yaml", "name: x\ncondition:\n  script: \"profile.traits.size() > 0\"\n"))
                .startsWith("x.yaml:3: unknown key 'script'");
    }
}
