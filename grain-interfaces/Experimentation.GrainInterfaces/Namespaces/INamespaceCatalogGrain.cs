namespace Experimentation.GrainInterfaces.Namespaces;

/// <summary>Lists namespaces from their Marten documents; a stateless worker.</summary>
public interface INamespaceCatalogGrain : IGrainWithIntegerKey
{
    Task<NamespaceView[]> List();
}
