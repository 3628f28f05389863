# syntax=docker/dockerfile:1
# The `runbook` binary in an image that holds nothing else but CA
# certificates: `docker run --rm -v "$PWD:/work" IMAGE lint runbooks`.
#
# Build stage: a static musl binary (Alpine's Rust image), so the final image
# needs no C library. mimalloc replaces musl's slow allocator, as everywhere.
# Any stable Rust at or above the workspace's rust-version builds it.
FROM rust:1-alpine AS build
# The packages come from the Alpine release the image is built on; pinning
# their versions would break the build whenever Alpine updates them.
# hadolint ignore=DL3018
RUN apk add --no-cache gcc musl-dev ca-certificates
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin runbook \
    && cp target/release/runbook /runbook

# Final stage: no shell, no package manager, no libc.
FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /runbook /usr/local/bin/runbook
WORKDIR /work
ENTRYPOINT ["/usr/local/bin/runbook"]
CMD ["lint", "."]
