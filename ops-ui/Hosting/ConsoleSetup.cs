using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;
using Op25b.Core.Access;

namespace Op25b.OpsUi.Hosting;

public static class ConsoleSetup
{
    public static readonly CultureInfo[] Cultures = [new("ja"), new("en")];

    /// <summary>
    /// The console's own cookie scheme, added beside the API-key default: only console pages and
    /// the job dashboard name it, so an API call without a key still gets a 401 problem, never a
    /// redirect to the login page.
    /// </summary>
    public static IServiceCollection AddOpsConsole(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(ConsoleOptions.Section).Get<ConsoleOptions>() ?? new ConsoleOptions();
        services.AddSingleton(options);
        services.AddSingleton(sp => new ConsoleTime(TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(new SignInLockout(options.LockoutFailures, TimeSpan.FromMinutes(options.LockoutMinutes), options.AccountLockoutFailures));
        services.AddSingleton(new ConsoleSessionPolicy(TimeSpan.FromMinutes(options.SessionMinutes), TimeSpan.FromSeconds(options.SessionCheckSeconds)));
        services.AddScoped<ConsoleSessionValidation>();

        services.AddAuthentication().AddCookie(ConsoleAuth.Scheme, o =>
        {
            o.Cookie.Name = ConsoleAuth.CookieName;
            o.Cookie.Path = "/ops";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/ops/login";
            o.AccessDeniedPath = "/ops/denied";
            o.ExpireTimeSpan = TimeSpan.FromMinutes(options.SessionMinutes);
            o.SlidingExpiration = true;
            o.EventsType = typeof(ConsoleSessionValidation);
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(ConsoleAuth.Signedin, p => p.AddAuthenticationSchemes(ConsoleAuth.Scheme).RequireAuthenticatedUser())
            .AddPolicy(ConsoleAuth.Deciders, p => p.AddAuthenticationSchemes(ConsoleAuth.Scheme).RequireRole(ConsoleAuth.DeciderRoles))
            .AddPolicy(ConsoleAuth.NetworkAdmins, p => p.AddAuthenticationSchemes(ConsoleAuth.Scheme).RequireRole(ConsoleAuth.NetworkAdminRoles))
            .AddPolicy(ConsoleAuth.AbuseReaders, p => p.AddAuthenticationSchemes(ConsoleAuth.Scheme).RequireRole(ConsoleAuth.AbuseReaderRoles))
            .AddPolicy(ConsoleAuth.ImpactCheckers, p => p.AddAuthenticationSchemes(ConsoleAuth.Scheme).RequireRole(ConsoleAuth.ImpactCheckerRoles))
            .AddPolicy(ConsoleAuth.Admins, p => p.AddAuthenticationSchemes(ConsoleAuth.Scheme).RequireRole(Roles.Admin))
            .AddPolicy(ConsoleAuth.Auditors, p => p.AddAuthenticationSchemes(ConsoleAuth.Scheme).RequireRole(ConsoleAuth.AuditorRoles));

        services.AddLocalization();
        services.AddRazorPages(o =>
            {
                o.Conventions.AuthorizeFolder("/", ConsoleAuth.Signedin);
                o.Conventions.AllowAnonymousToPage("/Login");
                o.Conventions.AllowAnonymousToPage("/Culture");
            })
            .AddApplicationPart(typeof(OpsUiMarker).Assembly)
            .AddViewLocalization()
            .AddDataAnnotationsLocalization();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "op25b.console.af";
            o.Cookie.Path = "/ops";
            // The framework's default leaves the anti-forgery cookie without Secure even over HTTPS.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = "__csrf";
        });
        return services;
    }

    /// <summary>Headers and language for /ops. Must run before the endpoints execute.</summary>
    public static IApplicationBuilder UseOpsConsole(this IApplicationBuilder app)
    {
        app.UseConsoleSecurityHeaders();
        // Only the console is localised: the API's problem texts and formats stay invariant whatever Accept-Language says.
        var localization = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("ja"),
            SupportedCultures = Cultures,
            SupportedUICultures = Cultures,
        };
        localization.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/ops"), b => b.UseRequestLocalization(localization));
        return app;
    }
}
