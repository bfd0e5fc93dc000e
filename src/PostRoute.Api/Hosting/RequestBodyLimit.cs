using Microsoft.AspNetCore.Http.Features;

namespace PostRoute.Api.Hosting;

/// <summary>
/// Answers 413 (problem details) to request bodies larger than <see cref="LimitOptions.MaxBodyBytes"/>, whether the
/// size is announced in Content-Length or only found while reading a chunked body (which is then buffered, at most the
/// limit). Works the same under Kestrel and the in-memory test server.
/// </summary>
internal sealed class RequestBodyLimit(RequestDelegate next, Microsoft.Extensions.Options.IOptions<PostRouteOptions> options)
{
    private readonly long _limit = options.Value.Limits.MaxBodyBytes;

    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        // This middleware enforces the limit; the server's own (default 30 MB) would answer without problem details.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = null;
        }

        var request = context.Request;
        if (request.ContentLength is { } length)
        {
            if (length > _limit)
            {
                await RejectAsync(context, problems);
                return;
            }
        }
        else if (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method))
        {
            var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffer.Length + read > _limit)
                {
                    await RejectAsync(context, problems);
                    return;
                }

                buffer.Write(chunk, 0, read);
            }

            buffer.Position = 0;
            request.Body = buffer;
            request.ContentLength = buffer.Length;
            context.Response.RegisterForDispose(buffer);
        }

        await next(context);
    }

    private async Task RejectAsync(HttpContext context, IProblemDetailsService problems)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "Request body too large",
                Detail = $"Request bodies may be at most {_limit} bytes (PostRoute:Limits:MaxBodyBytes).",
            },
        });
    }
}
