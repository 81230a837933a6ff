# The SFU node's image: `docker build -t vertx-sfu:0.1.0-SNAPSHOT .` from the repository's top.
# k8s/ runs it (host network, see k8s/README.md).

# Build: Maven on a JDK 17. The project is a plain jar, so the image takes the compiled
# classes and the runtime dependencies as they are, with no fat jar.
FROM maven:3-eclipse-temurin-17 AS build
WORKDIR /build
# The POM alone first: this layer (dependencies and Maven plugins) is rebuilt only when
# pom.xml changes. Packaging with no sources yet fetches the plugins package needs.
COPY pom.xml ./
RUN mvn -B -q -Dmaven.test.skip=true package \
      dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=target/lib
# Then the sources. The image needs no test classes: skipping their compilation also skips
# the test-only dependencies (libwebrtc's native jar among them).
COPY src/main ./src/main
RUN mvn -B -Dmaven.test.skip=true package

# Run: a JRE 17 only.
FROM eclipse-temurin:17-jre
# An unprivileged user with no shell and no home of its own. The files below stay root's,
# read-only to it. USER is numeric so that Kubernetes can check runAsNonRoot
# (k8s/deployment.yaml runs it as 10001 too).
RUN groupadd --gid 10001 sfu \
    && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /app \
      --shell /usr/sbin/nologin sfu
WORKDIR /app
COPY --from=build /build/target/lib/ ./lib/
COPY --from=build /build/target/classes/ ./classes/
USER 10001:10001
# A container listens on every interface; where media is announced comes from the deployment
# (SFU_MEDIA_ANNOUNCED_ADDRESS, the node's address in k8s/).
ENV SFU_HTTP_HOST=0.0.0.0 \
    SFU_MEDIA_BIND_HOST=0.0.0.0
# HTTP (demo page, WebSocket /ws, /health), Hazelcast, and one UDP port per room.
EXPOSE 8080/tcp 5701/tcp 40000-40999/udp
# The node drains on SIGTERM (no new rooms, clients told to move, exit when empty).
STOPSIGNAL SIGTERM
# java is PID 1 (exec form), so SIGTERM reaches the JVM. The heap is sized from the
# container's memory limit; the rest stays for direct buffers, metaspace and threads.
# Extra JVM flags: JAVA_TOOL_OPTIONS. The launcher expands lib/* itself.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", \
  "-cp", "/app/classes:/app/lib/*", "dev.vertxsfu.app.Main"]
