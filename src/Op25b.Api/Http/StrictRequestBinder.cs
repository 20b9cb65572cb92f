using FastEndpoints;

namespace Op25b.Api.Http;

/// <summary>
/// FastEndpoints' binder for every endpoint, followed by <see cref="RequestShape"/>: a request
/// that breaks a shape rule is answered 400 before the endpoint's validator runs, so validators
/// and handlers may assume required fields are present and strings are printable. A body that
/// is not JSON is refused (415) rather than bound as an empty request.
/// </summary>
public sealed class StrictRequestBinder<TRequest> : RequestBinder<TRequest> where TRequest : notnull
{
    public override async ValueTask<TRequest> BindAsync(BinderContext ctx, CancellationToken ct)
    {
        var http = ctx.HttpContext.Request;
        if (typeof(TRequest) != typeof(EmptyRequest) && HasBody(http) && !http.HasJsonContentType() && !http.HasFormContentType)
            throw new BadHttpRequestException($"Content-Type must be application/json, not '{http.ContentType}'.", StatusCodes.Status415UnsupportedMediaType);
        var request = await base.BindAsync(ctx, ct);
        RequestShape.Check(request, ctx.ValidationFailures);
        return ctx.ValidationFailures.Count == 0
            ? request
            : throw new ValidationFailureException(ctx.ValidationFailures, "Request shape check failed");
    }

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
}
