using System.Diagnostics;
using Experimentation.Silo.Hosting;
using Experimentation.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace Experimentation.Tests.Kubernetes;

/// <summary>
/// The manifests in k8s/, validated offline: `kubectl kustomize` renders each overlay, every object parses into
/// KubernetesClient's typed models, and the parts that must agree with the code do: probe paths and ports against the
/// hosts' endpoints, container ports against the Orleans settings, selectors against labels, references against the
/// objects rendered, and the Kubernetes hosting's needs (labels, downward API, RBAC).
/// </summary>
public sealed class ManifestTests
{
    // Created by the operator in production, never in the repository (k8s/overlays/production/kustomization.yaml).
    private static readonly string[] ExternalSecrets = ["experimentation-secrets"];

    public static TheoryData<string> Overlays => new() { "overlays/dev", "overlays/production" };

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task EveryRenderedObjectParsesIntoItsTypedModel(string overlay)
    {
        var objects = await RenderAsync(overlay);
        Assert.All(objects, o => Assert.IsAssignableFrom<IKubernetesObject<V1ObjectMeta>>(o));
        Assert.Contains(objects, o => o is V1Deployment { Metadata.Name: "experimentation-silo" });
        Assert.Contains(objects, o => o is V1Deployment { Metadata.Name: "experimentation-gateway" });
        Assert.Contains(objects, o => o is V1Service { Metadata.Name: "experimentation-gateway" });
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task ProbesUseTheHostsHealthEndpointsOnTheirHttpPort(string overlay)
    {
        foreach (var deployment in (await RenderAsync(overlay)).OfType<V1Deployment>().Where(IsPlatform))
        {
            var container = deployment.Spec.Template.Spec.Containers.Single();
            Assert.Equal(ServiceDefaults.HealthPath, container.ReadinessProbe.HttpGet.Path);
            Assert.Equal(ServiceDefaults.AlivePath, container.LivenessProbe.HttpGet.Path);
            Assert.Equal(ServiceDefaults.AlivePath, container.StartupProbe.HttpGet.Path);
            // The named port is the one the host binds with --urls.
            var http = container.Ports.Single(p => p.Name == "http");
            foreach (var probe in new[] { container.ReadinessProbe, container.LivenessProbe, container.StartupProbe })
                Assert.Equal("http", probe.HttpGet.Port.Value);
            Assert.Equal(["--urls", $"http://0.0.0.0:{http.ContainerPort}"], container.Args);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task TheSiloContainerPortsAreItsOrleansPorts(string overlay)
    {
        var objects = await RenderAsync(overlay);
        var silo = Deployment(objects, "experimentation-silo");
        var container = silo.Spec.Template.Spec.Containers.Single();
        var defaults = new ExperimentationOptions();
        Assert.Equal(defaults.SiloPort, container.Ports.Single(p => p.Name == "orleans-silo").ContainerPort);
        Assert.Equal(defaults.GatewayPort, container.Ports.Single(p => p.Name == "orleans-gateway").ContainerPort);
        Assert.Equal(defaults.SiloPort.ToString(), Env(container, "Experimentation__SiloPort").Value);
        Assert.Equal(defaults.GatewayPort.ToString(), Env(container, "Experimentation__GatewayPort").Value);

        // Every port a NetworkPolicy names exists on the pods it selects.
        foreach (var policy in objects.OfType<V1NetworkPolicy>())
        {
            var pods = Templates(objects).Where(t => Selects(policy.Spec.PodSelector.MatchLabels, t.Metadata.Labels)).ToArray();
            Assert.NotEmpty(pods);
            foreach (var port in policy.Spec.Ingress.SelectMany(i => i.Ports ?? []))
                Assert.All(pods, pod => Assert.Contains(pod.Spec.Containers.SelectMany(c => c.Ports), p => p.Name == port.Port.Value));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task SelectorsMatchTheLabelsOfThePodsTheyMean(string overlay)
    {
        var objects = await RenderAsync(overlay);
        var templates = Templates(objects).ToArray();
        foreach (var deployment in objects.OfType<V1Deployment>())
            Assert.True(Selects(deployment.Spec.Selector.MatchLabels, deployment.Spec.Template.Metadata.Labels), deployment.Metadata.Name);
        foreach (var set in objects.OfType<V1StatefulSet>())
            Assert.True(Selects(set.Spec.Selector.MatchLabels, set.Spec.Template.Metadata.Labels), set.Metadata.Name);
        foreach (var service in objects.OfType<V1Service>())
            Assert.Contains(templates, t => Selects(service.Spec.Selector, t.Metadata.Labels));
        foreach (var budget in objects.OfType<V1PodDisruptionBudget>())
            Assert.Contains(templates, t => Selects(budget.Spec.Selector.MatchLabels, t.Metadata.Labels));
        foreach (var autoscaler in objects.OfType<V2HorizontalPodAutoscaler>())
        {
            Assert.Contains(objects.OfType<V1Deployment>(), d => d.Metadata.Name == autoscaler.Spec.ScaleTargetRef.Name);
            Assert.Equal("cpu", autoscaler.Spec.Metrics.Single().Resource.Name);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task TheSiloHasWhatOrleansKubernetesHostingNeeds(string overlay)
    {
        var objects = await RenderAsync(overlay);
        var silo = Deployment(objects, "experimentation-silo");
        var labels = silo.Spec.Template.Metadata.Labels;
        var config = objects.OfType<V1ConfigMap>().Single(c => c.Metadata.Name.StartsWith("experimentation-config", StringComparison.Ordinal));
        Assert.Equal(config.Data["Experimentation__ClusterId"], labels["orleans/clusterId"]);
        Assert.Equal(config.Data["Experimentation__ServiceId"], labels["orleans/serviceId"]);
        Assert.Equal("kubernetes", config.Data["Experimentation__Hosting"]);
        Assert.Equal("postgres", config.Data["Experimentation__Clustering"]);

        var container = silo.Spec.Template.Spec.Containers.Single();
        Assert.Equal("metadata.name", Env(container, "POD_NAME").ValueFrom.FieldRef.FieldPath);
        Assert.Equal("metadata.namespace", Env(container, "POD_NAMESPACE").ValueFrom.FieldRef.FieldPath);
        Assert.Equal("status.podIP", Env(container, "POD_IP").ValueFrom.FieldRef.FieldPath);

        var account = silo.Spec.Template.Spec.ServiceAccountName;
        var binding = objects.OfType<V1RoleBinding>().Single(b => b.Subjects.Any(s => s.Kind == "ServiceAccount" && s.Name == account));
        var role = objects.OfType<V1Role>().Single(r => r.Metadata.Name == binding.RoleRef.Name);
        var pods = role.Rules.Single(r => r.Resources.Contains("pods"));
        Assert.Superset(new HashSet<string> { "get", "watch", "list", "patch" }, pods.Verbs.ToHashSet());
        Assert.Contains(objects.OfType<V1ServiceAccount>(), a => a.Metadata.Name == account);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task EveryContainerIsNonRootOnAReadOnlyRootFileSystem(string overlay)
    {
        var objects = await RenderAsync(overlay);
        foreach (var pod in Templates(objects))
        {
            Assert.True(pod.Spec.SecurityContext.RunAsNonRoot, pod.Metadata.Labels["app.kubernetes.io/name"]);
            Assert.NotEqual(0, pod.Spec.SecurityContext.RunAsUser);
            foreach (var container in pod.Spec.Containers)
            {
                Assert.True(container.SecurityContext.ReadOnlyRootFilesystem, container.Name);
                Assert.False(container.SecurityContext.AllowPrivilegeEscalation, container.Name);
                Assert.NotNull(container.Resources.Requests);
                Assert.NotNull(container.Resources.Limits);
            }
        }
        var silo = Deployment(objects, "experimentation-silo");
        Assert.True(silo.Spec.Template.Spec.TerminationGracePeriodSeconds > SiloHostingExtensions.ShutdownTimeout.TotalSeconds);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task ConfigurationComesFromAConfigMapAndSecretsThatExist(string overlay)
    {
        var objects = await RenderAsync(overlay);
        var configMaps = objects.OfType<V1ConfigMap>().Select(c => c.Metadata.Name).ToHashSet();
        var secrets = objects.OfType<V1Secret>().Select(s => s.Metadata.Name).Concat(overlay.EndsWith("production") ? ExternalSecrets : []).ToHashSet();
        foreach (var container in Templates(objects).SelectMany(t => t.Spec.Containers))
        {
            foreach (var source in container.EnvFrom ?? []) Assert.Contains(source.ConfigMapRef.Name, configMaps);
            foreach (var variable in (container.Env ?? []).Where(e => e.ValueFrom?.SecretKeyRef is not null))
                Assert.Contains(variable.ValueFrom.SecretKeyRef.Name, secrets);
            // No connection string or key is written into a manifest in the clear.
            Assert.DoesNotContain(container.Env ?? [], e => e.Name is "EXPERIMENTATION_POSTGRES" or "EXPERIMENTATION_ADMIN_KEY" && e.Value is not null);
        }
    }

    [Fact]
    public async Task DevRunsPostgreSqlInTheClusterOnAPersistentVolumeReachableOnlyByThePlatform()
    {
        var objects = await RenderAsync("overlays/dev");
        var postgres = objects.OfType<V1StatefulSet>().Single();
        var claim = postgres.Spec.VolumeClaimTemplates.Single();
        Assert.Contains(postgres.Spec.Template.Spec.Containers.Single().VolumeMounts, m => m.Name == claim.Metadata.Name);
        var service = objects.OfType<V1Service>().Single(s => Selects(s.Spec.Selector, postgres.Spec.Template.Metadata.Labels));
        var secret = objects.OfType<V1Secret>().Single(s => s.Metadata.Name.StartsWith("experimentation-secrets", StringComparison.Ordinal));
        var connection = System.Text.Encoding.UTF8.GetString(secret.Data["postgres"]);
        Assert.Contains($"Host={service.Metadata.Name};", connection);

        var policy = objects.OfType<V1NetworkPolicy>().Single(p => Selects(p.Spec.PodSelector.MatchLabels, postgres.Spec.Template.Metadata.Labels));
        var allowed = policy.Spec.Ingress.Single().FromProperty.Single().PodSelector.MatchLabels;
        var reaching = Templates(objects).Where(t => Selects(allowed, t.Metadata.Labels)).Select(t => t.Metadata.Labels["app.kubernetes.io/name"]).Order();
        Assert.Equal(["experimentation-gateway", "experimentation-silo"], reaching);
    }

    [Fact]
    public async Task OnlySilosReachTheSiloPortAndOnlyClientsTheOrleansGatewayPort()
    {
        var objects = await RenderAsync("overlays/production");
        var policy = objects.OfType<V1NetworkPolicy>().Single(p => p.Metadata.Name == "experimentation-silo");
        var rules = policy.Spec.Ingress.ToDictionary(i => i.Ports.Single().Port.Value, i => i.FromProperty.Select(f => f.PodSelector.MatchLabels).ToArray());
        Assert.Equal(["orleans-gateway", "orleans-silo"], rules.Keys.Order());
        Assert.Equal("experimentation-silo", Assert.Single(rules["orleans-silo"])["app.kubernetes.io/name"]);
        var gateway = Deployment(objects, "experimentation-gateway").Spec.Template.Metadata.Labels;
        Assert.Contains(rules["orleans-gateway"], selector => Selects(selector, gateway));
        Assert.Equal("eventhubs", objects.OfType<V1ConfigMap>().Single().Data["Experimentation__Ingestion__Streams"]);
        Assert.DoesNotContain(objects, o => o is V1StatefulSet);
    }

    private static bool IsPlatform(V1Deployment d) => d.Metadata.Name.StartsWith("experimentation-", StringComparison.Ordinal);

    private static V1Deployment Deployment(IEnumerable<object> objects, string name) => objects.OfType<V1Deployment>().Single(d => d.Metadata.Name == name);

    private static V1EnvVar Env(V1Container container, string name) => container.Env.Single(e => e.Name == name);

    private static IEnumerable<V1PodTemplateSpec> Templates(IEnumerable<object> objects) =>
        objects.OfType<V1Deployment>().Select(d => d.Spec.Template).Concat(objects.OfType<V1StatefulSet>().Select(s => s.Spec.Template));

    private static bool Selects(IDictionary<string, string>? selector, IDictionary<string, string>? labels) =>
        selector is { Count: > 0 } && labels is not null && selector.All(s => labels.TryGetValue(s.Key, out var v) && v == s.Value);

    private static async Task<List<object>> RenderAsync(string overlay)
    {
        var start = new ProcessStartInfo("kubectl", ["kustomize", Path.Combine(BuildOutput.Root, "k8s", overlay)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"kubectl kustomize k8s/{overlay} failed: {await error}");
        return KubernetesYaml.LoadAllFromString(await output);
    }
}
