using Hangfire.Dashboard;
using Op25b.Core.Access;

namespace Op25b.Api.Jobs;

/// <summary>
/// The job dashboard can trigger and delete jobs: admins only, never anonymous. The endpoint's
/// policy has already signed the console user in (cookie scheme); this is the second lock.
/// </summary>
internal sealed class AdminOnlyDashboard : IDashboardAsyncAuthorizationFilter
{
    public Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        return Task.FromResult(user.Identity?.IsAuthenticated == true && user.IsInRole(Roles.Admin));
    }
}
