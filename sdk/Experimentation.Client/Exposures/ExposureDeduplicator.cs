namespace Experimentation.Client.Exposures;

/// <summary>
/// Remembers which (experiment, user) pairs were already logged in this process, in bounded memory.
/// </summary>
/// <remarks>
/// Two generations of at most capacity / 2 pairs each. New pairs go into the current generation; when it is full,
/// it becomes the previous one and the old previous one is cleared and reused, so at most
/// <c>capacity</c> pairs are held and rotation allocates nothing. A pair found in the previous generation is
/// promoted, so a pair that keeps being seen is never forgotten, and any pair survives at least capacity / 2 new
/// pairs after its last sighting: a cheap approximation of LRU without a linked list per entry.
/// Forgetting costs only a repeated exposure, which the analysis tolerates (a user's first exposure is what counts).
/// </remarks>
internal sealed class ExposureDeduplicator
{
    private readonly Lock _lock = new();
    private readonly int _generationSize;
    private HashSet<(string Experiment, string User)> _current;
    private HashSet<(string Experiment, string User)> _previous;

    public ExposureDeduplicator(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        _generationSize = capacity / 2;
        _current = new HashSet<(string, string)>(_generationSize);
        _previous = new HashSet<(string, string)>(_generationSize);
    }

    /// <summary>The pairs remembered now; never above the capacity.</summary>
    public int Count
    {
        get { lock (_lock) return _current.Count + _previous.Count; }
    }

    /// <summary>True when the pair is new (and now remembered); false when it was seen before.</summary>
    public bool TryAdd(string experiment, string user)
    {
        var pair = (experiment, user);
        lock (_lock)
        {
            if (_current.Contains(pair))
                return false;
            bool seen = _previous.Remove(pair);
            if (_current.Count >= _generationSize)
            {
                (_previous, _current) = (_current, _previous);
                _current.Clear();
            }
            _current.Add(pair);
            return !seen;
        }
    }

    /// <summary>Forgets a pair, so that it is logged again next time (its exposure could not be delivered).</summary>
    public void Remove(string experiment, string user)
    {
        var pair = (experiment, user);
        lock (_lock)
        {
            _current.Remove(pair);
            _previous.Remove(pair);
        }
    }
}
