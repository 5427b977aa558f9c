using Experimentation.Dashboard;
using Experimentation.Gateway;
using Experimentation.Silo.Hosting;

// One process hosts the silo, the HTTP gateway and the dashboard (docs/hosting.md explains why, and how to split them).
// Content root is the build output, so appsettings.json is found whatever folder the host is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddExperimentationSilo();
builder.AddServiceDefaults();
builder.Services.AddExperimentationGateway();
builder.AddExperimentationDashboard();

var app = builder.Build();
app.MapExperimentationGateway();
app.MapExperimentationDashboard();
app.MapOrleansDashboardForAdmins();
app.MapHealthEndpoints();
app.Run();

/// <summary>Entry point; public so integration tests can refer to the assembly.</summary>
public partial class Program;
