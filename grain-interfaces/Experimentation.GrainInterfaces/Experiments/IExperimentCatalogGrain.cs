namespace Experimentation.GrainInterfaces.Experiments;

/// <summary>Lists experiments from the inline Marten projection; a stateless worker, so any silo answers.</summary>
public interface IExperimentCatalogGrain : IGrainWithIntegerKey
{
    Task<ExperimentView[]> List(ExperimentStatus? status);
}
