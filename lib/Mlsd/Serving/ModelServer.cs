using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Mlsd.Serving;

/// <summary>
/// Starts a loopback <see cref="ModelServer{TRequest, TResponse}"/>; the static entry point exists so the
/// request and response types are inferred from the scoring function.
/// </summary>
public static class ModelServer
{
    /// <summary>
    /// Serves <paramref name="score"/> over HTTP on 127.0.0.1 at a free port: <c>POST /score</c> takes one
    /// <typeparamref name="TRequest"/> as JSON and returns the <typeparamref name="TResponse"/> as JSON;
    /// <c>GET /health</c> (or <c>HEAD</c>) answers <c>{"status":"ok",...}</c>.
    /// </summary>
    /// <param name="score">The model: request → response. Called concurrently from several threads.</param>
    /// <param name="validate">Optional business validation: returns an error message (→ 400) or null when the request is fine.</param>
    /// <param name="maxRequestBytes">
    /// Largest request body accepted (default <see cref="DefaultMaxRequestBytes"/>); a larger one gets 413 and is never
    /// kept (up to 1 MiB of it is read through a small buffer and discarded, so the client hears the answer). Size it
    /// to the API: a scoring request is a few hundred bytes, and every byte allowed is memory a client can make the
    /// server hold.
    /// </param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <example><code>
    /// record AdRequest(int UserId, int AdId);
    /// record AdScore(double Probability);
    /// await using var server = await ModelServer.StartAsync((AdRequest r) =&gt; new AdScore(0.03),
    ///     r =&gt; r.AdId &lt; 0 ? "adId must be non-negative" : null);
    /// using var http = server.CreateClient();
    /// </code></example>
    public static async Task<ModelServer<TRequest, TResponse>> StartAsync<TRequest, TResponse>(Func<TRequest, TResponse> score,
        Func<TRequest, string?>? validate = null, int maxRequestBytes = DefaultMaxRequestBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(score);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRequestBytes, 16);
        var server = new ModelServer<TRequest, TResponse>(score, validate, maxRequestBytes);
        await server.StartAsync(cancellationToken).ConfigureAwait(false);
        return server;
    }

    /// <summary>The default request body limit: 8 KiB, ample for a JSON scoring request of a few fields.</summary>
    public const int DefaultMaxRequestBytes = 8 * 1024;

    /// <summary>
    /// Longest error message a response carries. Messages may quote the request (a validator saying what it got), so
    /// they are clipped: an error must never send back, or make the server hold, unbounded input.
    /// </summary>
    public const int MaxErrorCharacters = 300;

    /// <summary>
    /// JSON settings the server reads and writes with (and a client should use): web defaults (camelCase names,
    /// case-insensitive matching), plus strictness so bad requests fail loudly — every constructor parameter of a
    /// record is required, JSON null is refused for non-nullable members, and numbers must be JSON numbers.
    /// </summary>
    public static JsonSerializerOptions JsonOptions { get; } = CreateJsonOptions();

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            RespectRequiredConstructorParameters = true,
            RespectNullableAnnotations = true,
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
            // Responses go to programs and terminals, not into HTML: keep quotes and apostrophes readable.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.MakeReadOnly();
        return options;
    }
}

/// <summary>
/// A model behind a real HTTP endpoint on the loopback interface — the serving step of a case study, small
/// but with the parts that matter: JSON in and out, input validation with useful 400s, a health check,
/// concurrency, and an address picked by the OS so notebooks never collide on ports. Kestrel runs in-process
/// with logging off (notebook output stays clean). Dispose to stop it.
/// </summary>
/// <remarks>
/// <para>Errors are JSON objects <c>{"error": "...", "path": "$.field"}</c>: malformed JSON, a missing field
/// (records: every constructor parameter is required), a wrong type, or a <c>validate</c> failure give 400;
/// a body over the size limit gives 413; an exception in the scoring function gives 500 with its message. Messages
/// are clipped to <see cref="ModelServer.MaxErrorCharacters"/>.</para>
/// <para>Use a positional record (or <c>required</c> properties) for <typeparamref name="TRequest"/>, so a
/// missing field is an error instead of a silent default.</para>
/// </remarks>
/// <typeparam name="TRequest">Request body type.</typeparam>
/// <typeparam name="TResponse">Response body type.</typeparam>
public sealed class ModelServer<TRequest, TResponse> : IAsyncDisposable
{
    private readonly Func<TRequest, TResponse> _score;
    private readonly Func<TRequest, string?>? _validate;
    private readonly int _maxRequestBytes;
    private WebApplication? _app;

    /// <summary>How much of an oversized body is read and discarded so its client hears the 413 (1 MiB).</summary>
    internal const int DrainLimit = 1 << 20;
    private long _requests, _failures;

    internal ModelServer(Func<TRequest, TResponse> score, Func<TRequest, string?>? validate, int maxRequestBytes)
    {
        _score = score;
        _validate = validate;
        _maxRequestBytes = maxRequestBytes;
    }

    /// <summary>The bound address, e.g. http://127.0.0.1:41237/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The scoring endpoint (BaseAddress + "score").</summary>
    public Uri ScoreUri => new(BaseAddress, "score");

    /// <summary>Requests to /score answered so far (any status).</summary>
    public long RequestCount => Interlocked.Read(ref _requests);

    /// <summary>Requests to /score answered with an error status (400, 413 or 500).</summary>
    public long ErrorCount => Interlocked.Read(ref _failures);

    /// <summary>A new HttpClient whose BaseAddress is this server (dispose it when done).</summary>
    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    internal async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "Mlsd.ModelServer" });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options =>
        {
            options.Listen(IPAddress.Loopback, 0);
            options.AddServerHeader = false;
            // Kestrel's own cap is the drain limit; the API's limit is enforced while reading (ReadBodyAsync).
            options.Limits.MaxRequestBodySize = Math.Max(_maxRequestBytes, DrainLimit);
        });
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        app.MapPost("/score", ScoreAsync);
        app.MapMethods("/health", [HttpMethods.Get, HttpMethods.Head], context => WriteJsonAsync(context, StatusCodes.Status200OK,
            new Dictionary<string, object> { ["status"] = "ok", ["requests"] = RequestCount }));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        string address = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel did not report a bound address.");
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    private async Task ScoreAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        byte[]? body = await ReadBodyAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            await FailAsync(context, StatusCodes.Status413PayloadTooLarge, TooLarge(), null).ConfigureAwait(false);
            return;
        }
        TRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<TRequest>(body, ModelServer.JsonOptions);
        }
        catch (JsonException e)
        {
            await FailAsync(context, StatusCodes.Status400BadRequest, Describe(e), e.Path).ConfigureAwait(false);
            return;
        }
        if (request is null)
        {
            await FailAsync(context, StatusCodes.Status400BadRequest, $"The body must be a JSON object describing a {typeof(TRequest).Name}, not null.", "$")
                .ConfigureAwait(false);
            return;
        }
        string? problem;
        try
        {
            problem = _validate?.Invoke(request);
        }
        catch (Exception e)
        {
            problem = "validation failed: " + e.Message;
        }
        if (problem is not null)
        {
            await FailAsync(context, StatusCodes.Status400BadRequest, problem, null).ConfigureAwait(false);
            return;
        }
        TResponse response;
        try
        {
            response = _score(request);
        }
        catch (Exception e)
        {
            await FailAsync(context, StatusCodes.Status500InternalServerError, $"scoring failed: {e.GetType().Name}: {e.Message}", null)
                .ConfigureAwait(false);
            return;
        }
        await WriteJsonAsync(context, StatusCodes.Status200OK, response).ConfigureAwait(false);
    }

    /// <summary>
    /// A readable message: for a value of the wrong type, which field and what it expects; otherwise the
    /// serializer's message without its line/byte suffix (the path is reported separately).
    /// </summary>
    private static string Describe(JsonException e)
    {
        if (e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal)
            && e.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            string field = path[2..];
            int bracket = field.IndexOfAny(['.', '[']);
            if (bracket > 0) field = field[..bracket];
            var property = ModelServer.JsonOptions.GetTypeInfo(typeof(TRequest)).Properties
                .FirstOrDefault(p => string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase));
            if (property is not null)
                return $"invalid request JSON: field '{property.Name}' has the wrong type (expected {Expected(property.PropertyType)}) at {path}.";
        }
        if (e.Path == "$" && e.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
            return $"invalid request JSON: the body must be a JSON object describing a {typeof(TRequest).Name}.";
        string message = e.Message.Replace(" Consider updating its nullability annotation.", "", StringComparison.Ordinal);
        // Types declared in a notebook cell are nested in Roslyn's submission class: show 'Req', not 'Submission#0+Req'.
        message = System.Text.RegularExpressions.Regex.Replace(message, @"Submission#\d+\+", "");
        int cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        return "invalid request JSON: " + (cut > 0 ? message[..cut] : message);
    }

    private static string Expected(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        string name = underlying.Name;
        if (underlying == typeof(string)) return "a string";
        if (underlying == typeof(bool)) return "true or false";
        if (underlying.IsEnum) return $"one of {string.Join(", ", Enum.GetNames(underlying))}";
        if (underlying.IsPrimitive || underlying == typeof(decimal))
            return underlying == typeof(int) || underlying == typeof(long) || underlying == typeof(short) || underlying == typeof(byte)
                ? $"an integer ({name})" : $"a number ({name})";
        if (underlying != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(underlying)) return $"an array ({name})";
        return $"an object ({name})";
    }

    private string TooLarge() => string.Create(CultureInfo.InvariantCulture,
        $"the request body is larger than this API accepts ({_maxRequestBytes:N0} bytes at most).");

    /// <summary>
    /// The request body, or null when it is larger than the API accepts. An oversized body of up to
    /// <see cref="DrainLimit"/> bytes is read to its end and thrown away (through a small buffer) before the 413 goes
    /// out: a server that answers and closes while the client is still sending resets the connection, and the
    /// client may never see the answer. A larger body (or one that grows past the drain limit) is not read: the 413
    /// is sent at once and the connection may be cut — for a client that sends megabytes to a few-field API.
    /// </summary>
    private async Task<byte[]?> ReadBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength > DrainLimit) return null;
        var stream = context.Request.Body;
        var buffer = new byte[_maxRequestBytes + 1];
        int filled = 0;
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(filled), context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                filled += read;
                if (filled <= _maxRequestBytes) continue;
                var scratch = new byte[16 * 1024];
                while (await stream.ReadAsync(scratch, context.RequestAborted).ConfigureAwait(false) > 0) { }
                return null;
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;   // past the drain limit
        }
        return buffer[..filled];
    }

    private Task FailAsync(HttpContext context, int status, string message, string? path)
    {
        Interlocked.Increment(ref _failures);
        var body = new Dictionary<string, string> { ["error"] = Clip(message) };
        if (!string.IsNullOrEmpty(path)) body["path"] = Clip(path);
        return WriteJsonAsync(context, status, body);
    }

    private static string Clip(string text)
    {
        if (text.Length <= ModelServer.MaxErrorCharacters) return text;
        int cut = ModelServer.MaxErrorCharacters - 40;   // room for the note
        if (char.IsHighSurrogate(text[cut - 1])) cut--;
        return string.Create(CultureInfo.InvariantCulture, $"{text[..cut]}… [{text.Length - cut:N0} more characters]");
    }

    private static async Task WriteJsonAsync<T>(HttpContext context, int status, T value)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, value, ModelServer.JsonOptions, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Where it listens and how much it has served.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"ModelServer<{typeof(TRequest).Name}, {typeof(TResponse).Name}> at {BaseAddress} (POST /score, GET /health): {RequestCount:N0} requests, {ErrorCount:N0} errors");

    /// <summary>Stops Kestrel and releases the port.</summary>
    public async ValueTask DisposeAsync()
    {
        var app = Interlocked.Exchange(ref _app, null);
        if (app is null) return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        finally
        {
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
