using System.ComponentModel.DataAnnotations;
using Engagement.Connectors.Bluesky;
using Engagement.Connectors.LinkedIn;
using Engagement.Connectors.Meta;
using Engagement.Connectors.YouTube;
using Microsoft.Extensions.Options;

namespace Engagement.Connectors.Platforms;

/// <summary>
/// Settings of the platform connectors, bound from <c>Engagement:Platforms</c> (app settings
/// <c>Engagement__Platforms__*</c>): the limits every platform client keeps, and one section per platform with its
/// API root. Every value has the real default; an invalid one stops the host at start with its name.
/// </summary>
internal sealed class PlatformsOptions
{
    public const string SectionName = "Engagement:Platforms";

    /// <summary>Retries of a short transient fault (5xx, 408, 429 with a short wait, a dropped connection) within one call. Default: 3.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First back-off of a retry; later ones grow exponentially, with jitter. Default: 1 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Longest wait a call sits out in process (a <c>Retry-After</c> or a reset that is close). A longer one ends the
    /// job as "throttled until T" and queues it again for then. Default: 20 s.
    /// </summary>
    public TimeSpan MaxRetryWait { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Time allowed for one attempt of one call. Default: 30 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for one call, its retries and waits included. Default: 2 min.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Share of a rate-limit window kept in reserve: when headers say less than this is left, the job stops and its
    /// continuation waits for the window to reset. Default: 0.1.
    /// </summary>
    [Range(0.0, 0.9)]
    public double RateLimitReserve { get; set; } = 0.1;

    public MastodonOptions Mastodon { get; set; } = new();

    public BlueskyOptions Bluesky { get; set; } = new();

    /// <summary>The Graph API root with its version, shared by Facebook Pages and Instagram.</summary>
    public MetaOptions Meta { get; set; } = new() { BaseUrl = new Uri("https://graph.facebook.com/v25.0") };

    public YouTubeOptions YouTube { get; set; } = new();

    public LinkedInOptions LinkedIn { get; set; } = new() { BaseUrl = new Uri("https://api.linkedin.com/rest") };

    /// <summary>Every endpoint with its setting name, for validation and documentation.</summary>
    public IEnumerable<(string Setting, Uri? BaseUrl)> Endpoints =>
    [
        ("Engagement__Platforms__Mastodon__BaseUrl", Mastodon.BaseUrl),
        ("Engagement__Platforms__Bluesky__BaseUrl", Bluesky.BaseUrl),
        ("Engagement__Platforms__Bluesky__ServiceUrl", Bluesky.ServiceUrl),
        ("Engagement__Platforms__Meta__BaseUrl", Meta.BaseUrl),
        ("Engagement__Platforms__YouTube__BaseUrl", YouTube.BaseUrl),
        ("Engagement__Platforms__LinkedIn__BaseUrl", LinkedIn.BaseUrl),
    ];

    /// <summary>The settings that are wrong, each with why; empty when all are usable.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var (setting, url) in Endpoints)
        {
            if (url is not null && PlatformUris.Problem(url) is { } problem)
            {
                yield return $"{setting} {problem}.";
            }
        }

        foreach (var problem in Meta.Problems("Engagement__Platforms__Meta").Concat(LinkedIn.Problems("Engagement__Platforms__LinkedIn")))
        {
            yield return problem;
        }

        if (RetryDelay < TimeSpan.Zero || MaxRetryWait < TimeSpan.Zero)
        {
            yield return "Engagement__Platforms__RetryDelay and __MaxRetryWait must not be negative.";
        }

        if (AttemptTimeout <= TimeSpan.Zero || TotalTimeout < AttemptTimeout)
        {
            yield return "Engagement__Platforms__AttemptTimeout must be positive and no longer than __TotalTimeout.";
        }
    }
}

/// <summary>Where a platform's API lives.</summary>
internal class PlatformEndpoint
{
    /// <summary>The API root, path included (<c>.../v25.0</c>, <c>.../youtube/v3</c>, <c>.../rest</c>); it is kept when requests are built.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The platform's own settings that are unusable, named under <paramref name="section"/> (<c>Engagement__Platforms__X</c>).</summary>
    public virtual IEnumerable<string> Problems(string section) => [];
}

/// <summary>Mastodon: each channel's server comes from its account, so there is no API root by default.</summary>
internal sealed class MastodonOptions : PlatformEndpoint
{
    /// <summary>Statuses per listing page (the server's maximum is 40). Default: 40.</summary>
    [Range(1, 40)]
    public int PageSize { get; set; } = 40;

    /// <summary>Notifications per page (the server's maximum is 80). Default: 80.</summary>
    [Range(1, 80)]
    public int NotificationsPageSize { get; set; } = 80;
}

/// <summary>Stops the host at start when a platform setting is unusable, naming the setting.</summary>
internal sealed class PlatformsOptionsValidator : IValidateOptions<PlatformsOptions>
{
    public ValidateOptionsResult Validate(string? name, PlatformsOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
