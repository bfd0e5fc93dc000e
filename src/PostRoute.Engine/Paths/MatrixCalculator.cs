using PostRoute.Engine.Network;

namespace PostRoute.Engine.Paths;

/// <summary>
/// Computes <see cref="TravelMatrix"/> values: one Dijkstra search per distinct source that stops as soon as every
/// target is settled, with sources spread over all cores. Thread-safe.
/// </summary>
public static class MatrixCalculator
{
    /// <summary>Below this many arc visits (arcs × distinct sources) the rows are computed on the calling thread.</summary>
    private const long ParallelThresholdArcVisits = 500_000;

    /// <summary>Computes times and distances from every source to every target.</summary>
    /// <param name="network">The network version to search; its closed links are not used.</param>
    /// <param name="sourceIds">Row node ids (duplicates allowed; searched once).</param>
    /// <param name="targetIds">Column node ids (duplicates allowed).</param>
    /// <param name="profile">Vehicle profile, one of <see cref="PostalNetwork.Profiles"/>.</param>
    /// <param name="metric">What each cell's path minimises.</param>
    /// <param name="cancellationToken">Stops the computation; then <see cref="OperationCanceledException"/> is thrown.</param>
    /// <returns>The matrix; unreachable cells are <see cref="double.PositiveInfinity"/>.</returns>
    /// <exception cref="ArgumentException">A node id or the profile is unknown (the message names it and its position).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static TravelMatrix Compute(PostalNetwork network, IReadOnlyList<string> sourceIds,
        IReadOnlyList<string> targetIds, string profile, PathMetric metric = PathMetric.Time,
        CancellationToken cancellationToken = default)
    {
        PathArguments.CheckCommon(network, profile, metric);
        int[] sources = PathArguments.NodeIndices(network, sourceIds, nameof(sourceIds));
        int[] targets = PathArguments.NodeIndices(network, targetIds, nameof(targetIds));
        cancellationToken.ThrowIfCancellationRequested();

        int rows = sources.Length;
        int cols = targets.Length;
        var duration = new double[rows * cols];
        var distance = new double[rows * cols];
        if (rows > 0 && cols > 0)
        {
            var graph = CsrGraph.For(network, profile);
            int[] distinctTargets = targets.Distinct().ToArray();

            // Search each distinct source once; duplicate rows are copied afterwards.
            var firstRowOf = new Dictionary<int, int>();
            var distinctRows = new List<int>();
            for (int r = 0; r < rows; r++)
            {
                if (firstRowOf.TryAdd(sources[r], r))
                {
                    distinctRows.Add(r);
                }
            }

            // Returns false when cancelled.
            bool ComputeRow(int row)
            {
                var scratch = SearchScratch.ForCurrentThread(graph.NodeCount);
                scratch.Begin();
                foreach (int t in distinctTargets)
                {
                    scratch.MarkTarget(t);
                }

                if (!Dijkstra.Run(graph, PathArguments.ClosedMask(network), metric, [sources[row]], distinctTargets.Length,
                        scratch, cancellationToken))
                {
                    return false;
                }

                var state = scratch.State;
                int offset = row * cols;
                for (int c = 0; c < cols; c++)
                {
                    int t = targets[c];
                    if (scratch.IsSettled(t))
                    {
                        (duration[offset + c], distance[offset + c]) = metric == PathMetric.Time
                            ? (state[t].Cost, state[t].Other)
                            : (state[t].Other, state[t].Cost);
                    }
                    else
                    {
                        duration[offset + c] = double.PositiveInfinity;
                        distance[offset + c] = double.PositiveInfinity;
                    }
                }

                return true;
            }

            // Small jobs (about a millisecond of work) run on the calling thread: starting tasks would cost more.
            if (distinctRows.Count == 1 || (long)graph.EdgeCount * distinctRows.Count < ParallelThresholdArcVisits)
            {
                foreach (int row in distinctRows)
                {
                    if (!ComputeRow(row))
                    {
                        break;
                    }
                }
            }
            else
            {
                var options = new ParallelOptions { CancellationToken = cancellationToken };
                Parallel.For(0, distinctRows.Count, options, (k, loop) =>
                {
                    if (!ComputeRow(distinctRows[k]))
                    {
                        loop.Stop(); // the token is cancelled; it is rethrown below
                    }
                });
            }

            cancellationToken.ThrowIfCancellationRequested();
            for (int r = 0; r < rows; r++)
            {
                int first = firstRowOf[sources[r]];
                if (first != r)
                {
                    Array.Copy(duration, first * cols, duration, r * cols, cols);
                    Array.Copy(distance, first * cols, distance, r * cols, cols);
                }
            }
        }

        return new TravelMatrix([.. sourceIds], [.. targetIds], profile, metric, network.Fingerprint, network.Version,
            duration, distance);
    }
}
