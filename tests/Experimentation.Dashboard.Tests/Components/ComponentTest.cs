using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Experimentation.Dashboard.Tests.Components;

/// <summary>
/// A bUnit context with MudBlazor's services. MudBlazor's services dispose only asynchronously, and xunit v2 calls
/// IAsyncLifetime.DisposeAsync before Dispose, so the container is released the way it must be.
/// </summary>
public abstract class ComponentTest : BunitContext, IAsyncLifetime
{
    protected ComponentTest()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
