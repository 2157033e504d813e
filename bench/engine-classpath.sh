# Sourced by the engine benches (intake.sh, segments.sh, stream-resolve.sh, active-profile.sh), from the repository's
# root: compiles the engine and its reactor dependencies, writes its test classpath to core/engine/target/bench.cp and
# sets cp to the classpath a bench's main class runs with.
./mvnw -q -pl core/engine -am test-compile dependency:build-classpath -DskipTests -Dmdep.outputFile=target/bench.cp \
    -Dmdep.includeScope=test >/dev/null
cp="core/engine/target/test-classes:core/engine/target/classes:core/segments/target/classes:core/matching/target/classes:core/api/target/classes:$(cat core/engine/target/bench.cp)"
