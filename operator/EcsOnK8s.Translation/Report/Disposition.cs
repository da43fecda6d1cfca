namespace EcsOnK8s.Translation.Report;

/// <summary>What became of one input field.</summary>
public enum Disposition
{
    /// <summary>Translated with the same meaning.</summary>
    Mapped,

    /// <summary>Translated with a different or weaker meaning; the reason says how.</summary>
    Approximated,

    /// <summary>Accepted and not translated (AWS-only or read-only); the reason says why.</summary>
    Ignored,

    /// <summary>Refused: nothing is rendered while a rejection stands.</summary>
    Rejected,
}
