using Engagement.Ml.Vocabulary;
using Engagement.Core.Domain;

namespace Engagement.Core.Reporting;

/// <summary>
/// A customer message that calls for a brand answer: a public message, or the first DM of a burst (the DMs a customer
/// sends before the brand writes back). <see cref="Answer"/> is the brand's first answer within the reply window;
/// <see cref="LateAnswer"/> its first answer after the window (within <see cref="ResponseRules.Horizon"/>) when there
/// was none in time.
/// </summary>
public sealed record CustomerUnit(
    StoredInteraction Message,
    bool IsQuestion,
    bool IsComplaint,
    StoredInteraction? Answer,
    StoredInteraction? LateAnswer,
    StoredInteraction LastMessage)
{
    public bool IsDm => Message.IsDm;

    public TimeSpan? Wait => Answer is null ? null : Answer.CreatedAt - Message.CreatedAt;
}

/// <summary>
/// The relations among one channel's stored rows: who replied to whom, which customer messages wait for an answer,
/// and which brand message answered them. Every relation is bounded in time (<see cref="ResponseRules.Horizon"/> for
/// parents and children, the reply window for answers and DM bursts), so what a day's figures depend on is a bounded
/// neighbourhood of rows, whatever the order and the pages the rows arrived in.
/// </summary>
internal sealed class Conversations
{
    private static readonly IComparer<StoredInteraction> InTimeOrder = Comparer<StoredInteraction>.Create(
        (a, b) => a.CreatedAt != b.CreatedAt ? a.CreatedAt.CompareTo(b.CreatedAt) : string.CompareOrdinal(a.PlatformId, b.PlatformId));

    private readonly ResponseRules _rules;
    private readonly Dictionary<string, StoredInteraction> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<StoredInteraction>> _children = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<StoredInteraction>> _dmThreads = new(StringComparer.Ordinal);

    public Conversations(IEnumerable<StoredInteraction> rows, ResponseRules rules)
    {
        _rules = rules;
        foreach (var row in rows)
        {
            _byId[row.PlatformId] = row;
        }

        foreach (var row in _byId.Values)
        {
            if (row.ParentId is { } parent)
            {
                Add(_children, parent, row);
            }

            // A DM by an unknown author is neither the customer's nor the brand's: it neither continues a burst nor answers one.
            if (row.IsDm && row.AuthorIsBrand is not null && row.ThreadId is { } thread)
            {
                Add(_dmThreads, thread, row);
            }
        }

        foreach (var list in _children.Values.Concat(_dmThreads.Values))
        {
            list.Sort(InTimeOrder);
        }
    }

    public ResponseRules Rules => _rules;

    public IReadOnlyCollection<StoredInteraction> Rows => _byId.Values;

    public StoredInteraction? Find(string platformId) => _byId.GetValueOrDefault(platformId);

    /// <summary>The row's parent, when it is stored and within the horizon of the row.</summary>
    public StoredInteraction? ParentOf(StoredInteraction row) =>
        row.ParentId is { } id && _byId.TryGetValue(id, out var parent) && Near(parent, row, ResponseRules.Horizon) ? parent : null;

    /// <summary>The row's children within the horizon, oldest first.</summary>
    public IEnumerable<StoredInteraction> ChildrenOf(StoredInteraction row) =>
        _children.TryGetValue(row.PlatformId, out var children) ? children.Where(c => Near(c, row, ResponseRules.Horizon)) : [];

    /// <summary>
    /// Whether the row starts a customer unit. Only a row known to be a customer's can, and only one that says what it
    /// is or answers something (an unknown kind with a parent counts as a reply; without one it starts nothing). A
    /// public message by a customer does, unless it replies to another customer (people talking among themselves wait
    /// for no brand answer; a parent whose author is unknown is not known to be a customer's); a customer's DM does
    /// unless the DM before it in the thread, within the reply window, is also the customer's (then it continues that
    /// burst). A DM that continues a burst beyond the burst's own window starts nothing: its wait is the burst's,
    /// already counted.
    /// </summary>
    public bool IsUnitStart(StoredInteraction row)
    {
        if (!row.IsCustomer || row.CountedKind == InteractionKind.Unknown)
        {
            return false;
        }

        if (row.IsDm && row.ThreadId is { } thread)
        {
            var dms = _dmThreads[thread];
            var index = dms.BinarySearch(row, InTimeOrder);
            var previous = index > 0 ? dms[index - 1] : null;
            return previous is null || previous.IsBrand || row.CreatedAt - previous.CreatedAt > _rules.ReplyWindow;
        }

        return ParentOf(row) is not { AuthorIsBrand: false };
    }

    /// <summary>The unit the row starts, or null when it starts none.</summary>
    public CustomerUnit? UnitOf(StoredInteraction row)
    {
        if (!IsUnitStart(row))
        {
            return null;
        }

        var deadline = row.CreatedAt + _rules.ReplyWindow;
        if (row.IsDm && row.ThreadId is { } thread)
        {
            // The burst: this DM and the customer's next ones, until the brand writes or the window ends.
            var dms = _dmThreads[thread];
            var question = false;
            var complaint = false;
            var last = row;
            StoredInteraction? brandDm = null;
            for (var i = dms.BinarySearch(row, InTimeOrder); i < dms.Count && dms[i].CreatedAt - row.CreatedAt <= ResponseRules.Horizon; i++)
            {
                var dm = dms[i];
                if (dm.IsBrand)
                {
                    brandDm = dm;
                    break;
                }

                if (dm.CreatedAt <= deadline)
                {
                    question |= dm.IsQuestion;
                    complaint |= dm.IsComplaint;
                    last = dm;
                }
            }

            return brandDm is not null && brandDm.CreatedAt <= deadline
                ? new CustomerUnit(row, question, complaint, brandDm, null, last)
                : new CustomerUnit(row, question, complaint, null, brandDm, last);
        }

        var first = ChildrenOf(row).FirstOrDefault(c => c.IsBrand && c.CreatedAt >= row.CreatedAt);
        return first is not null && first.CreatedAt <= deadline
            ? new CustomerUnit(row, row.IsQuestion, row.IsComplaint, first, null, row)
            : new CustomerUnit(row, row.IsQuestion, row.IsComplaint, null, first, row);
    }

    /// <summary>
    /// The rows whose figures may change when <paramref name="row"/> is written: its parent (whose answer may be this
    /// row), its children (whose unit depends on who wrote their parent) and, for a DM, the thread's DMs within the
    /// horizon either side (bursts and DM answers).
    /// </summary>
    public IEnumerable<StoredInteraction> RelatedTo(StoredInteraction row)
    {
        if (ParentOf(row) is { } parent)
        {
            yield return parent;
        }

        foreach (var child in ChildrenOf(row))
        {
            yield return child;
        }

        if (row.IsDm && row.ThreadId is { } thread && _dmThreads.TryGetValue(thread, out var dms))
        {
            foreach (var dm in dms.Where(d => Near(d, row, ResponseRules.Horizon)))
            {
                yield return dm;
            }
        }
    }

    /// <summary>
    /// The root of the row's thread: its thread id when the platform gives one, otherwise the oldest ancestor reachable
    /// through stored parents.
    /// </summary>
    public string ThreadRootOf(StoredInteraction row)
    {
        if (row.ThreadId is { } thread)
        {
            return thread;
        }

        var current = row;
        for (var steps = 0; steps < 100 && ParentOf(current) is { } parent; steps++)
        {
            current = parent;
        }

        return current.PlatformId;
    }

    private static bool Near(StoredInteraction a, StoredInteraction b, TimeSpan within) => (a.CreatedAt - b.CreatedAt).Duration() <= within;

    private static void Add(Dictionary<string, List<StoredInteraction>> index, string key, StoredInteraction row)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(row);
    }
}
