using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mlsd.Serving;

namespace Mlsd.Tests.Serving;

public sealed record ScoreRequest(int UserId, int AdId, string Device, double[] Features);

public sealed record ScoreResponse(int AdId, double Score);

/// <summary>One server shared by the tests (start-up is the slow part).</summary>
public sealed class ScoringServerFixture : IAsyncLifetime
{
    public ModelServer<ScoreRequest, ScoreResponse> Server { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>A transparent "model": 0.01·userId + Σ features, so a test can compute the expected score by hand.</summary>
    public static ScoreResponse Score(ScoreRequest r)
    {
        if (r.Device == "explode") throw new InvalidOperationException("model exploded");
        return new ScoreResponse(r.AdId, 0.01 * r.UserId + r.Features.Sum());
    }

    public async Task InitializeAsync()
    {
        // The validator quotes the device it got, as a friendly validator does: the server must clip what it sends back.
        Server = await ModelServer.StartAsync<ScoreRequest, ScoreResponse>(Score,
            r => r.Features.Length != 2 ? $"features must have 2 values (got {r.Features.Length})"
                : r.Device.StartsWith("toaster", StringComparison.Ordinal) ? $"device must be mobile or desktop (got '{r.Device}')" : null);
        Client = Server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}

public sealed class ModelServerTests(ScoringServerFixture fixture) : IClassFixture<ScoringServerFixture>
{
    private readonly HttpClient _client = fixture.Client;

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string json)
    {
        using var response = await _client.PostAsync("score", new StringContent(json, Encoding.UTF8, "application/json"));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return (response.StatusCode, body);
    }

    [Fact]
    public void ListensOnLoopbackAtAnOsChosenPort()
    {
        Assert.Equal("127.0.0.1", fixture.Server.BaseAddress.Host);
        Assert.NotEqual(0, fixture.Server.BaseAddress.Port);
        Assert.Equal(new Uri(fixture.Server.BaseAddress, "score"), fixture.Server.ScoreUri);
    }

    [Fact]
    public async Task ValidRequestGetsTheScore()
    {
        var (status, body) = await PostAsync("""{"userId": 7, "adId": 42, "device": "mobile", "features": [0.25, 0.5]}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(42, body.GetProperty("adId").GetInt32());
        Assert.Equal(0.82, body.GetProperty("score").GetDouble(), 12); // 0.01·7 + 0.25 + 0.5
    }

    [Fact]
    public async Task MalformedJsonIs400WithTheParserMessage()
    {
        var (status, body) = await PostAsync("""{"userId": 7, "adId": 42,""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("invalid request JSON", body.GetProperty("error").GetString());
        var (emptyStatus, empty) = await PostAsync("");
        Assert.Equal(HttpStatusCode.BadRequest, emptyStatus);
        Assert.Contains("does not contain any JSON tokens", empty.GetProperty("error").GetString());
    }

    [Fact]
    public async Task MissingFieldIs400NamingTheField()
    {
        var (status, body) = await PostAsync("""{"userId": 7, "device": "mobile", "features": [1, 2]}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("'adId'", body.GetProperty("error").GetString());
        Assert.Contains("missing", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task WrongTypeIs400NamingTheFieldAndTheExpectedType()
    {
        var (status, body) = await PostAsync("""{"userId": "seven", "adId": 42, "device": "mobile", "features": [1, 2]}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("$.userId", body.GetProperty("path").GetString());
        Assert.Contains("field 'userId' has the wrong type (expected an integer", body.GetProperty("error").GetString());
        var (nullStatus, nullBody) = await PostAsync("""{"userId": 1, "adId": 42, "device": null, "features": [1, 2]}""");
        Assert.Equal(HttpStatusCode.BadRequest, nullStatus);
        Assert.Contains("'Device'", nullBody.GetProperty("error").GetString());
        var (arrayStatus, arrayBody) = await PostAsync("[1, 2]");
        Assert.Equal(HttpStatusCode.BadRequest, arrayStatus);
        Assert.Contains("must be a JSON object describing a ScoreRequest", arrayBody.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ValidatorFailureIs400WithItsMessageAndModelErrorIs500()
    {
        var (status, body) = await PostAsync("""{"userId": 1, "adId": 2, "device": "mobile", "features": [1]}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("features must have 2 values (got 1)", body.GetProperty("error").GetString());
        var (crash, crashBody) = await PostAsync("""{"userId": 1, "adId": 2, "device": "explode", "features": [1, 2]}""");
        Assert.Equal(HttpStatusCode.InternalServerError, crash);
        Assert.Contains("model exploded", crashBody.GetProperty("error").GetString());
    }

    [Fact]
    public async Task HealthAnswersOk()
    {
        using var response = await _client.GetAsync("health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ok", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task HeadOnHealthIsOkWithoutABody()
    {
        using var response = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "health"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    private static string Body(string device) => $$"""{"userId": 1, "adId": 2, "device": "{{device}}", "features": [1, 2]}""";

    [Fact]
    public async Task BodyOverTheLimitIs413WithoutBeingReadOrEchoed()
    {
        var device = new string('x', 20_000);
        using var response = await _client.PostAsync("score", new StringContent(Body(device), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("the request body is larger than this API accepts (8,192 bytes at most).",
            JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());

        // Without a Content-Length (chunked), the body is cut off at the limit while it is read.
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(Body(device))));
        chunked.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "score") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        using var chunkedResponse = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunkedResponse.StatusCode);
    }

    [Fact]
    public async Task ErrorMessagesQuotingTheRequestAreClipped()
    {
        // Within the body limit, but far too long to send back: the validator's message is 39 + 5,008 + 2 = 5,049 characters.
        var (status, body) = await PostAsync(Body("toaster-" + new string('t', 5_000)));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = body.GetProperty("error").GetString()!;
        Assert.StartsWith("device must be mobile or desktop (got 'toaster-ttt", error);
        Assert.EndsWith("… [4,789 more characters]", error);   // 260 kept, then the note
        Assert.Equal(260 + "… [4,789 more characters]".Length, error.Length);
    }

    [Fact]
    public async Task PacedLoadAtAModestRateIsAnsweredWithoutErrors()
    {
        // Loopback only and bounded (400 requests, a 30 s cap): 200 requests a second for two seconds.
        var report = await LoadGenerator.PostJsonAsync(_client, "score", i => new ScoreRequest(i, i, "mobile", [1, 2]),
            requests: 400, concurrency: 8, timeLimit: TimeSpan.FromSeconds(30), ratePerSecond: 200);
        Assert.Equal(400, report.Requests);
        Assert.Equal(0, report.Failed);
        Assert.Equal(400, report.Succeeded);
        Assert.False(report.HitTimeLimit);
    }

    [Fact]
    public async Task TwoHundredConcurrentRequestsAreAllAnsweredCorrectly()
    {
        var tasks = Enumerable.Range(0, 200).Select(async i =>
        {
            var request = new ScoreRequest(i, 1_000 + i, "desktop", [i * 0.5, 1]);
            using var response = await _client.PostAsJsonAsync("score", request, ModelServer.JsonOptions);
            response.EnsureSuccessStatusCode();
            return (i, await response.Content.ReadFromJsonAsync<ScoreResponse>(ModelServer.JsonOptions));
        });
        var results = await Task.WhenAll(tasks);
        foreach (var (i, response) in results)
        {
            Assert.NotNull(response);
            Assert.Equal(1_000 + i, response.AdId);
            Assert.Equal(0.01 * i + i * 0.5 + 1, response.Score, 12);
        }
    }

    [Fact]
    public async Task LoadGeneratorDrivesTheServerAndCountsFailures()
    {
        var report = await LoadGenerator.PostJsonAsync(_client, "score",
            i => new ScoreRequest(i, i, "mobile", i % 10 == 9 ? [1] : [1, 2]), requests: 100, concurrency: 4);
        Assert.Equal(100, report.Requests);
        Assert.Equal(10, report.Failed);   // every tenth request fails validation
        Assert.Equal(90, report.Succeeded);
        Assert.False(report.HitTimeLimit);
        Assert.True(report.P50Ms <= report.P95Ms && report.P95Ms <= report.P99Ms && report.P99Ms <= report.MaxMs);
        Assert.Contains("req/s", report.ToString());
        var remote = Assert.Throws<ArgumentException>(() => { _ = LoadGenerator.PostJsonAsync(_client, "http://example.com/score", i => i, 1); });
        Assert.Contains("loopback", remote.Message);
    }

    [Fact]
    public async Task DisposeStopsListening()
    {
        var server = await ModelServer.StartAsync((int x) => x + 1);
        using var client = server.CreateClient();
        using (var ok = await client.PostAsync("score", new StringContent("41")))
            Assert.Equal("42", await ok.Content.ReadAsStringAsync());
        await server.DisposeAsync();
        await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync("score", new StringContent("41")));
        await server.DisposeAsync(); // idempotent
    }
}
