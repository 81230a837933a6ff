# Deliberately invalid (ManifestValidationTest): mistakes the Dockerfile lint must report.
FROM eclipse-temurin:17-jre
# a relative WORKDIR depends on the base image's
WORKDIR app
# not a protocol
EXPOSE 8080/sctpx
# a signal needs a name or number
STOPSIGNAL
# single quotes are not JSON: this runs through a shell, and SIGTERM misses java
ENTRYPOINT ['java', '-cp', 'app/classes:app/lib/*', 'dev.vertxsfu.app.Main']
