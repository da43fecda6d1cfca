namespace EcsOnK8s.Translation.Workloads;

/// <summary>
/// ECS's split of a task count over a capacity provider strategy: the base first (at most one provider has one),
/// then the rest in proportion to the weights. Rounding uses largest remainders, ties going to the provider listed
/// first, so the result is deterministic and always sums to the count. Providers of weight 0 get only their base.
/// </summary>
public static class CapacityProviderSplit
{
    /// <summary>Returns one count per (base, weight) item, in the same order.</summary>
    public static int[] Split(int count, IReadOnlyList<(int Base, int Weight)> strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var result = new int[strategy.Count];
        if (strategy.Count == 0)
        {
            return result;
        }

        var remaining = count;
        for (var i = 0; i < strategy.Count && remaining > 0; i++)
        {
            var b = Math.Min(Math.Max(strategy[i].Base, 0), remaining);
            result[i] = b;
            remaining -= b;
        }

        long totalWeight = strategy.Sum(s => (long)Math.Max(s.Weight, 0));
        if (remaining == 0)
        {
            return result;
        }

        if (totalWeight == 0)
        {
            // A lone provider takes everything whatever its weight (ECS accepts a single weight-0 provider).
            result[0] += remaining;
            return result;
        }

        var shares = new (int Index, long Whole, long Remainder)[strategy.Count];
        long assigned = 0;
        for (var i = 0; i < strategy.Count; i++)
        {
            var scaled = (long)remaining * Math.Max(strategy[i].Weight, 0);
            shares[i] = (i, scaled / totalWeight, scaled % totalWeight);
            assigned += scaled / totalWeight;
        }

        foreach (var share in shares)
        {
            result[share.Index] += (int)share.Whole;
        }

        var left = remaining - assigned;
        foreach (var share in shares.Where(s => strategy[s.Index].Weight > 0)
                     .OrderByDescending(s => s.Remainder).ThenBy(s => s.Index))
        {
            if (left == 0)
            {
                break;
            }

            result[share.Index]++;
            left--;
        }

        return result;
    }
}
