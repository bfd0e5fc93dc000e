using PostRoute.Api.Endpoints;
using PostRoute.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddPostRouteServices();

var app = builder.Build();
app.UsePostRoutePipeline();

app.MapHealthEndpoints();
app.MapNetworkEndpoints();

app.Run();

/// <summary>Entry point; public and partial so that tests can use <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
