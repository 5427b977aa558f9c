using JasperFx;
using JasperFx.Events;

namespace Experimentation.Grains.Experiments;

/// <summary>Recognises Marten's ways of saying "someone else wrote to this stream first".</summary>
internal static class MartenConflicts
{
    public static bool IsVersionConflict(Exception ex) => ex switch
    {
        EventStreamUnexpectedMaxEventIdException => true,
        ExistingStreamIdCollisionException => true,
        Marten.Exceptions.ExistingStreamIdCollisionException => true,
        ConcurrencyException => true,
        AggregateException agg => agg.InnerExceptions.Any(IsVersionConflict),
        _ => ex.InnerException is { } inner && IsVersionConflict(inner),
    };
}
