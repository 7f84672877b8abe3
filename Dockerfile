# The contactlint sidecar in a container:
#
#   docker build --build-arg VERSION=v0.1.0 --build-arg COMMIT=$(git rev-parse HEAD) \
#     --build-arg DATE=$(git log -1 --format=%cI) -t contactlint .
#   docker run --rm -p 127.0.0.1:8080:8080 --stop-timeout 80 \
#     --ulimit nofile=4096:4096 --memory 512m --pids-limit 256 \
#     -e CONTACTLINT_UPSTREAM=https://test.httpapi.com contactlint
#
# --stop-timeout 80: after SIGTERM serve lets forwarded calls finish for up
# to 70s (Docker's default 10s would cut them, and a cut call may still be
# carried out upstream). The limits: serve keeps its connections under the
# open-file limit (-max-conns) and its bodies in memory under
# -max-in-flight x 1 MiB by itself; these bound what a defect could cost.
# Checks go to /check/api/… (never forwarded); /api/… is forwarded to
# CONTACTLINT_UPSTREAM; /metrics serves Prometheus metrics.
#
# Settings are the environment variables of contactlint serve
# (CONTACTLINT_UPSTREAM, CONTACTLINT_RULES, …; see contactlint serve -h).

# Base images are pinned by digest, so that a build is the same build
# tomorrow: golang:1.26-bookworm as docker-library/repo-info records it for
# Go 1.26.8 (2026-09-19), distroless static-debian12:nonroot as pinned
# from 2026-08 on. Re-resolve with crane digest when moving them.
FROM golang:1.26-bookworm@sha256:f4191582e1522dfc5980a6bdc0309a756f9697f3e7d0f199c7e26fc82ab324fd AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# The build context has no .git (.dockerignore), so the toolchain cannot
# stamp the commit: VERSION, COMMIT and DATE do (scripts/release and
# RELEASING.md fill them; contactlint --version and /healthz show them).
ARG VERSION=v0.0.0-dev
ARG COMMIT=
ARG DATE=
RUN CGO_ENABLED=0 go build -trimpath -buildvcs=false \
    -ldflags "-s -w -X main.buildVersion=${VERSION} -X main.buildCommit=${COMMIT} -X main.buildDate=${DATE}" \
    -o /out/contactlint ./cmd/contactlint

# Static binary, no shell, no package manager, a non-root user.
FROM gcr.io/distroless/static-debian12:nonroot@sha256:afa5c872c891853ca7fcf1f12c3edb23f7eeef36189728842dd51042ff57f7ab
COPY --from=build /out/contactlint /contactlint
USER nonroot:nonroot
# Inside a container the sidecar listens on every interface; publish the
# port only where the panel reaches it.
ENV CONTACTLINT_ADDR=0.0.0.0:8080
EXPOSE 8080
# contactlint healthz reads CONTACTLINT_ADDR too: no curl needed.
HEALTHCHECK --interval=30s --timeout=5s --start-period=5s --retries=3 CMD ["/contactlint", "healthz"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["/contactlint"]
CMD ["serve"]
