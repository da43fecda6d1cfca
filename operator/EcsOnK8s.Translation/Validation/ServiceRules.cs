using System.Globalization;
using EcsOnK8s.Translation.Naming;
using k8s.Models;

namespace EcsOnK8s.Translation.Validation;

/// <summary>The API server's rules for a Service spec: selector, ports, target ports.</summary>
internal static class ServiceRules
{
    internal static void Service(V1ServiceSpec? spec, string path, List<FieldError> errors)
    {
        if (spec is null)
        {
            errors.Add(new(path, "is required"));
            return;
        }

        MetadataRules.Labels(spec.Selector, path, ".selector", errors);
        var ports = spec.Ports ?? [];
        if (ports.Count == 0 && spec.ClusterIP != "None")
        {
            errors.Add(new(path + ".ports", "at least one port is required"));
        }

        var keys = new HashSet<(int, string)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i];
            var protocol = port.Protocol ?? "TCP";
            if (port.Port is < 1 or > 65535)
            {
                errors.Add(new($"{path}.ports[{i}].port", $"{port.Port} is outside 1-65535"));
            }

            if (!FieldRules.Protocols.Contains(protocol))
            {
                errors.Add(new($"{path}.ports[{i}].protocol", $"'{protocol}' is not TCP, UDP or SCTP"));
            }

            if (!keys.Add((port.Port, protocol)))
            {
                errors.Add(new($"{path}.ports[{i}]", $"{port.Port}/{protocol} is a duplicate"));
            }

            if (ports.Count > 1 && string.IsNullOrEmpty(port.Name))
            {
                errors.Add(new($"{path}.ports[{i}].name", "is required when a Service has several ports"));
            }
            else if (!string.IsNullOrEmpty(port.Name) && !KubeNames.IsDnsLabel(port.Name))
            {
                errors.Add(new($"{path}.ports[{i}].name", $"'{port.Name}' is not a DNS-1123 label"));
            }
            else if (!string.IsNullOrEmpty(port.Name) && !names.Add(port.Name))
            {
                errors.Add(new($"{path}.ports[{i}].name", $"'{port.Name}' is a duplicate"));
            }

            if (port.TargetPort is { } target)
            {
                var text = target.Value;
                var ok = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                    ? number is >= 1 and <= 65535
                    : KubeNames.IsPortName(text);
                if (!ok)
                {
                    errors.Add(new($"{path}.ports[{i}].targetPort", $"'{text}' is neither a port number nor a port name"));
                }
            }
        }
    }
}
