using System.Text.Json;
using System.Text.Json.Serialization;
using FastEndpoints;
using FastEndpoints.Swagger;
using NSwag;
using Op25b.Api.Auth;
using Op25b.Api.Http;
using Scalar.AspNetCore;

namespace Op25b.Api.Hosting;

public static class ApiSetup
{
    public const string RoutePrefix = "api/v1";

    public static IServiceCollection AddAdminApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.AddExceptionHandler<ErrorMapping>();
        services.AddApiKeyAuth();
        services.AddAdminRateLimits(configuration);
        services.AddFastEndpoints(o => o.Assemblies = [typeof(ApiSetup).Assembly]);
        services.SwaggerDocument(o =>
        {
            o.EnableJWTBearerAuth = false;
            o.ShortSchemaNames = true;
            o.DocumentSettings = s =>
            {
                s.DocumentName = "v1";
                s.Title = "OP25B admin API";
                s.Version = "v1";
                s.Description = "Subscribers, their addresses and OP25B (outbound port 25 blocking) exemptions, with an audit trail.";
                s.AddAuth(ApiKeyAuthentication.Scheme, new OpenApiSecurityScheme
                {
                    Type = OpenApiSecuritySchemeType.ApiKey,
                    Name = ApiKeyAuthentication.HeaderName,
                    In = OpenApiSecurityApiKeyLocation.Header,
                    Description = "An API key made with `Op25b.Api apikey create`.",
                });
            };
        });
        return services;
    }

    public static WebApplication UseAdminApi(this WebApplication app)
    {
        var maxBody = app.Configuration.GetValue("Api:MaxRequestBodyBytes", 1_048_576L);
        app.UseRequestId();
        app.UseExceptionHandler();
        // Empty 401/404/405/415 answers from routing become problem documents too.
        app.UseStatusCodePages();
        app.UseRequestBodyLimit(maxBody, app.Configuration.GetValue("Api:MaxStreamedIngestBytes", 20L * 1024 * 1024 * 1024));
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseFastEndpoints(c =>
        {
            c.Endpoints.RoutePrefix = RoutePrefix;
            c.Errors.UseProblemDetails();
            c.Serializer.Options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
            c.Serializer.Options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        app.UseOpenApi(c => c.Path = "/openapi/{documentName}.json");
        app.MapScalarApiReference("/scalar", o => o
            .WithTitle("OP25B admin API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .AddPreferredSecuritySchemes(ApiKeyAuthentication.Scheme));
        return app;
    }
}
