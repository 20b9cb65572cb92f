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
        // Routing answers a body it cannot accept with a bare 415; name the header at fault like every other problem.
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            if (c.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType)
                c.ProblemDetails.Extensions["errors"] = new[] { new { name = "Content-Type", reason = "Send the body as application/json." } };
        });
        services.AddExceptionHandler<ErrorMapping>();
        services.AddApiKeyAuth();
        services.AddAdminRateLimits(configuration);
        services.AddFastEndpoints(o => o.Assemblies = [typeof(ApiSetup).Assembly]);
        services.AddSingleton(typeof(IRequestBinder<>), typeof(StrictRequestBinder<>));
        // A rule stops at its first failure: NotEmpty failing must keep Must(p => p.Count …) from running on null.
        FluentValidation.ValidatorOptions.Global.DefaultRuleLevelCascadeMode = FluentValidation.CascadeMode.Stop;
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
            // Malformed JSON is reported against the body, a wrongly typed field against that field.
            c.Serializer.SerializerErrorsField = "body";
            c.Serializer.Options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
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
