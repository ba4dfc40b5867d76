# syntax=docker/dockerfile:1
# Supacrypt backend image. Build context: the repository root.
#   docker build -t ghcr.io/supacrypt/supacrypt-backend .
# Runtime: Ubuntu chiseled ASP.NET Core (no shell, no package manager), UID/GID 1000, read-only root filesystem
# (writes only under /tmp), mutual TLS by default with certificates mounted under /certs.

# Build on the builder's own architecture and publish for the target's: no emulation for the compiler, no hard-coded
# runtime identifier (Buildx sets TARGETARCH to amd64 or arm64, which dotnet accepts as an architecture).
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0-noble@sha256:72dd743782f2ae7e5476fd64f6a460045e3998dc862218b80e6944cba79a01b0 AS build
ARG TARGETARCH
WORKDIR /src

# Restore from project files only, so the layer stays cached until a dependency changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY Supacrypt.ServiceDefaults/Supacrypt.ServiceDefaults.csproj Supacrypt.ServiceDefaults/
COPY Supacrypt.Contracts/Supacrypt.Contracts.csproj Supacrypt.Contracts/
COPY Supacrypt.Backend/Supacrypt.Backend.csproj Supacrypt.Backend/
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet restore Supacrypt.Backend/Supacrypt.Backend.csproj --arch "$TARGETARCH"

COPY Supacrypt.ServiceDefaults/ Supacrypt.ServiceDefaults/
COPY Supacrypt.Contracts/ Supacrypt.Contracts/
COPY Supacrypt.Backend/ Supacrypt.Backend/
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet publish Supacrypt.Backend/Supacrypt.Backend.csproj --no-restore --configuration Release \
      --arch "$TARGETARCH" --no-self-contained -p:UseAppHost=false --output /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled@sha256:48e51f2f6798897be7ac4e775c049ed8fe60d3190f637e1f9c9dc7513efa659c AS runtime
ARG VERSION=dev
ARG REVISION=unknown
LABEL org.opencontainers.image.title="supacrypt-backend" \
      org.opencontainers.image.description="Supacrypt remote-signing backend: gRPC supacrypt.v1 over Azure Key Vault" \
      org.opencontainers.image.source="https://github.com/supacrypt/supacrypt-backend" \
      org.opencontainers.image.vendor="Supacrypt" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}"

# The chiseled image has ca-certificates but no tzdata; the zone files are architecture-independent data.
COPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo

# The process runs with nothing writable but /tmp (HOME too: .NET and ASP.NET Core look there for caches).
ENV HOME=/tmp \
    DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true \
    ASPNETCORE_HTTP_PORTS="" \
    Kestrel__Endpoints__grpc__Url=https://+:5000 \
    Kestrel__Endpoints__http__Url=http://+:8081 \
    Security__Mode=MutualTls \
    Security__ServerCertificatePath=/certs/server.crt \
    Security__ServerCertificateKeyPath=/certs/server.key \
    Security__ClientCertificateAuthorityPath=/certs/ca.crt

WORKDIR /app
COPY --from=build --chown=0:0 /app ./
USER 1000:1000

EXPOSE 5000 8081
# No shell or curl in the image: the backend answers its own liveness probe over loopback.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["dotnet", "/app/Supacrypt.Backend.dll", "--health-probe", "http://127.0.0.1:8081/health"]
ENTRYPOINT ["dotnet", "/app/Supacrypt.Backend.dll"]
