namespace Experimentation.GrainInterfaces.Audit;

/// <summary>Reads the audit trail: every event of every stream, with its actor. A stateless reader.</summary>
public interface IAuditGrain : IGrainWithIntegerKey
{
    Task<AuditPage> List(AuditQuery query);
}
