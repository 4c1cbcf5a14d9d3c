using Engagement.Ml.Vocabulary;

namespace Engagement.Ml.Features;

/// <summary>Who speaks and where, as far as the metadata says: the contexts the model is calibrated for one by one.</summary>
internal enum SpeakerContext
{
    /// <summary>The author or the place (post or conversation) is not known: text alone, or partial metadata.</summary>
    Unknown,
    BrandPost,
    BrandConversation,
    PersonPost,
    PersonConversation,
}

internal static class SpeakerContexts
{
    public const int Count = 5;

    public static SpeakerContext Of(ClassifierInput input)
    {
        var conversation = input.Kind switch
        {
            InteractionKind.Unknown => input.HasParent,
            InteractionKind.Post => false,
            _ => true,
        };
        return (input.AuthorIsBrand, conversation) switch
        {
            (true, false) => SpeakerContext.BrandPost,
            (true, true) => SpeakerContext.BrandConversation,
            (false, false) => SpeakerContext.PersonPost,
            (false, true) => SpeakerContext.PersonConversation,
            _ => SpeakerContext.Unknown,
        };
    }
}
