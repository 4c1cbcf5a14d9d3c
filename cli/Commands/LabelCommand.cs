using System.CommandLine;
using System.Globalization;
using Engagement.Cli.Hosting;
using Engagement.Core.Corrections;
using Engagement.Http;

namespace Engagement.Cli.Commands;

/// <summary><c>engage label</c>: correct the label of one interaction; reports use it at once, and training learns from it.</summary>
internal static class LabelCommand
{
    public static Command Create()
    {
        var client = new Argument<string>("client-id");
        var interaction = new Argument<string>("interaction-id") { Description = "As engage interactions lists it: {channel}_{platform id}." };
        var label = new Argument<string>("label") { Description = "broadcast or relational." };
        var by = new Option<string>("--by") { Description = "Who corrects it (default: your user name)." };
        var note = new Option<string>("--note") { Description = "Why, for whoever reads the correction later." };
        var json = new Option<bool>("--json") { Description = "Print the correction as the API returns it." };
        var command = new Command("label", "Correct an interaction's label: the daily figures and reports use it at once, and engage train --feedback learns from it.")
        {
            client, interaction, label, by, note, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var clientId = parse.GetValue(client)!;
            var interactionId = parse.GetValue(interaction)!;
            var request = new CorrectionRequest(parse.GetValue(label), parse.GetValue(by) ?? Environment.UserName, parse.GetValue(note));
            await using var host = await EngageHost.StartAsync(cancellationToken: ct);
            var outcome = await host.Get<LabelCorrectionService>().CorrectAsync(clientId, interactionId, request, ct);
            switch (outcome.Status)
            {
                case CorrectionStatus.Invalid:
                    return Shared.Fail(string.Join("; ", outcome.Errors.SelectMany(e => e.Value)));
                case CorrectionStatus.ClientNotFound:
                    return Shared.Fail($"there is no client '{clientId}'");
                case CorrectionStatus.InteractionNotFound:
                    return Shared.Fail($"client '{clientId}' has no interaction '{interactionId}' (engage interactions {clientId} lists them)");
            }

            var c = outcome.Correction!;
            if (parse.GetValue(json))
            {
                Console.WriteLine(ApiResult.Ok(CorrectionView.Of(c, outcome.Days)).Render());
                return 0;
            }

            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{c.InteractionId}: {c.Label} (the model said {c.ModelLabel}, relational probability {c.ModelRelationalProbability:0.000}), by {c.CorrectedBy ?? "-"}"));
            Console.WriteLine($"recomputed {string.Join(", ", outcome.Days.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))}");
            return 0;
        });
        return command;
    }
}
