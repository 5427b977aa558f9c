using Experimentation.Dashboard;
using Experimentation.Gateway;
using Experimentation.Gateway.Host.Hosting;

// The gateway and the dashboard alone: an Orleans client of the silos (docs/hosting.md, "A separate gateway"). The endpoints, and
// whatever the gateway library adds to them, are the same calls the co-hosted silo makes.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddClusterClient();
builder.AddGatewayDefaults();
builder.Services.AddExperimentationGateway();
builder.AddExperimentationDashboard();

var app = builder.Build();
app.MapExperimentationGateway();
app.MapExperimentationDashboard();
app.MapHealthEndpoints();
app.Run();

/// <summary>Entry point; public so integration tests can refer to the assembly.</summary>
public partial class Program;
