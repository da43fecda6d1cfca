# The operator image (docs/operator.md, "Image"): build with `make image`.
#
# Framework-dependent on the chiseled ASP.NET Core runtime: the operator is an ASP.NET Core app (Kestrel serves
# /healthz, /readyz and /metrics), the shared framework comes patched with the base image, and nothing is trimmed
# (the Kubernetes client and the YAML and JSON serializers reflect over types). No shell, no package manager.

# The output is portable IL (the project makes no apphost): the same publish serves amd64 and arm64. The SDK stage
# is the same Ubuntu release as the runtime stage, whose zoneinfo it provides.
FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
WORKDIR /src

# Restore first, from the project files alone, so that a source change reuses the restored layer.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY operator/EcsOnK8s.Api/EcsOnK8s.Api.csproj operator/EcsOnK8s.Api/
COPY operator/EcsOnK8s.Translation/EcsOnK8s.Translation.csproj operator/EcsOnK8s.Translation/
COPY operator/EcsOnK8s.Runtime/EcsOnK8s.Runtime.csproj operator/EcsOnK8s.Runtime/
COPY operator/EcsOnK8s.Events/EcsOnK8s.Events.csproj operator/EcsOnK8s.Events/
COPY operator/EcsOnK8s.Controllers/EcsOnK8s.Controllers.csproj operator/EcsOnK8s.Controllers/
COPY operator/EcsOnK8s.EcsProtocol/EcsOnK8s.EcsProtocol.csproj operator/EcsOnK8s.EcsProtocol/
COPY operator/EcsOnK8s.Operator/EcsOnK8s.Operator.csproj operator/EcsOnK8s.Operator/
RUN dotnet restore operator/EcsOnK8s.Operator/EcsOnK8s.Operator.csproj

COPY .editorconfig ./
COPY operator/ operator/
RUN dotnet publish operator/EcsOnK8s.Operator/EcsOnK8s.Operator.csproj -c Release -o /app --no-restore

# Chiseled images have no tzdata, and schedules are evaluated in IANA time zones (TimeZoneInfo reads
# /usr/share/zoneinfo): the SDK image's tree is copied below. Fail here, not at the first schedule, if it is missing.
RUN test -f /usr/share/zoneinfo/Europe/Berlin && test -f /usr/share/zoneinfo/America/New_York

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS runtime
COPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo
WORKDIR /app
COPY --from=build /app ./

# The chart runs the pod as 65532:65532 with a read-only root filesystem; the operator writes nothing but what .NET
# puts in /tmp (an emptyDir in the chart).
USER 65532:65532
# The base image asks Kestrel for port 8080 (ASPNETCORE_HTTP_PORTS); the operator binds --metrics-port itself, and
# Kestrel would warn at every start that it overrides the variable.
ENV ASPNETCORE_HTTP_PORTS=""
# Health and metrics; the events and ECS API endpoints when enabled.
EXPOSE 8080 8443 8444
ENTRYPOINT ["dotnet", "/app/ecsonk8s-operator.dll"]
