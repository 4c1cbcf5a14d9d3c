using System.CommandLine;

namespace Engagement.Cli.Commands;

/// <summary><c>engage train</c>: retrain the classifier (wired to the trainer once it lands).</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var command = new Command("train", "Train the classifier from ml/data and write a new model version.");
        command.SetAction(_ => Shared.Fail("training is not wired yet"));
        return command;
    }
}
