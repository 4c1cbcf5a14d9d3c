using System.Globalization;
using Engagement.Core.Domain;

namespace Engagement.Reports;

/// <summary>The words of a report in one language, with the culture its numbers and dates are written in.</summary>
internal sealed record ReportWords
{
    public required CultureInfo Culture { get; init; }

    public required string Lang { get; init; }

    public required string Title { get; init; }

    public required string OverviewTitle { get; init; }

    public required string PeriodLabel { get; init; }

    public required string PreviousLabel { get; init; }

    public required string AsOfLabel { get; init; }

    public required string Provisional { get; init; }

    public required string NoData { get; init; }

    public required string NotConfigured { get; init; }

    public required string NotAvailable { get; init; }

    public required string Summary { get; init; }

    public required string Headlines { get; init; }

    public required string Trends { get; init; }

    public required string Channels { get; init; }

    public required string Responses { get; init; }

    public required string Posts { get; init; }

    public required string Unanswered { get; init; }

    public required string TopPosts { get; init; }

    public required string BottomPosts { get; init; }

    public required string Definitions { get; init; }

    public required string Metric { get; init; }

    public required string ThisPeriod { get; init; }

    public required string PreviousPeriod { get; init; }

    public required string Change { get; init; }

    public required string AllChannels { get; init; }

    public required string Channel { get; init; }

    public required string Client { get; init; }

    public required string Week { get; init; }

    public required string Received { get; init; }

    public required string Waited { get; init; }

    public required string Question { get; init; }

    public required string Complaint { get; init; }

    public required string Message { get; init; }

    public required string Status { get; init; }

    public required string Open { get; init; }

    public required string Yes { get; init; }

    public required string Date { get; init; }

    public required string Post { get; init; }

    public required string Label { get; init; }

    public required string Signals { get; init; }

    public required string AnsweredColumn { get; init; }

    public required string RelationalAudienceColumn { get; init; }

    public required string LikesColumn { get; init; }

    public required string SharesColumn { get; init; }

    public required string ReachColumn { get; init; }

    public required string EngagementColumn { get; init; }

    public required string AndMore { get; init; }

    public required string NoneWaiting { get; init; }

    public required string NoPosts { get; init; }

    public required string AllHours { get; init; }

    public required string BusinessHours { get; init; }

    public required string Public { get; init; }

    public required string Dm { get; init; }

    public required string Median { get; init; }

    public required string Mean { get; init; }

    public required string Quickest { get; init; }

    public required string Slowest { get; init; }

    public required string Answered { get; init; }

    public required string ChartShareTitle { get; init; }

    public required string ChartChannelsTitle { get; init; }

    public required string ChartWeek { get; init; }

    public required string ChartPercent { get; init; }

    public required IReadOnlyDictionary<string, string> Metrics { get; init; }

    public required IReadOnlyDictionary<string, string> Statuses { get; init; }

    public required IReadOnlyDictionary<string, string> Styles { get; init; }

    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    /// <summary>Sentences of the summary; {0}, {1}… are filled with formatted figures.</summary>
    public required IReadOnlyDictionary<string, string> Sentences { get; init; }

    public required string DefinitionsText { get; init; }

    public static ReportWords For(string? language) => language == ReportLanguages.Italian ? Italian : English;

    public static ReportWords English { get; } = new()
    {
        Culture = CultureInfo.GetCultureInfo("en-GB"),
        Lang = "en",
        Title = "Engagement report",
        OverviewTitle = "Agency overview",
        PeriodLabel = "Period",
        PreviousLabel = "compared with",
        AsOfLabel = "as of",
        Provisional = "Provisional: some customers' reply windows are still open, so these figures can still change ({0} still waiting).",
        NoData = "no data",
        NotConfigured = "not configured",
        NotAvailable = "n/a",
        Summary = "In short",
        Headlines = "Headline figures",
        Trends = "Week by week",
        Channels = "Channels",
        Responses = "How fast customers are answered",
        Posts = "Posts",
        Unanswered = "Customers left without an answer at the end of the period",
        TopPosts = "Posts that started the most conversations",
        BottomPosts = "Posts that started the fewest",
        Definitions = "How these figures are computed",
        Metric = "Figure",
        ThisPeriod = "This period",
        PreviousPeriod = "Previous period",
        Change = "Change",
        AllChannels = "All channels",
        Channel = "Channel",
        Client = "Client",
        Week = "Week of",
        Received = "Received",
        Waited = "Waiting at period end",
        Question = "Question",
        Complaint = "Complaint",
        Message = "Message",
        Status = "Now",
        Open = "open",
        Yes = "yes",
        Date = "Date",
        Post = "Post",
        Label = "Label",
        Signals = "Why",
        AnsweredColumn = "Answered customers",
        RelationalAudienceColumn = "Relational comments",
        LikesColumn = "Likes",
        SharesColumn = "Shares",
        ReachColumn = "Reach",
        EngagementColumn = "Engagement rate",
        AndMore = "and {0} more (all of them are in the CSV and JSON versions).",
        NoneWaiting = "Nobody was left without an answer.",
        NoPosts = "No brand post in this period.",
        AllHours = "All hours",
        BusinessHours = "Business hours",
        Public = "Public",
        Dm = "Direct messages",
        Median = "Median",
        Mean = "Mean",
        Quickest = "Quickest",
        Slowest = "Slowest",
        Answered = "Answered",
        ChartShareTitle = "Brand relational share and reply rate, week by week",
        ChartChannelsTitle = "Brand relational share by channel: this period and the previous one",
        ChartWeek = "Week",
        ChartPercent = "%",
        Metrics = new Dictionary<string, string>
        {
            ["brand_relational_share"] = "Brand relational share",
            ["posts_relational_share"] = "Relational share of posts",
            ["brand_messages"] = "Brand messages",
            ["customer_messages"] = "Customer messages to answer",
            ["reply_rate"] = "Reply rate (within the reply window)",
            ["reply_rate_in_time"] = "Answered within the reply-needed time",
            ["question_response_rate"] = "Question response rate",
            ["median_first_response"] = "Median first response",
            ["mean_first_response"] = "Mean first response",
            ["median_first_response_business"] = "Median first response, business hours",
            ["open_at_end"] = "Left without an answer at period end",
            ["open_questions_at_end"] = "Of which questions",
            ["engagement_rate"] = "Engagement rate (mean per post)",
            ["conversation_rate"] = "Conversation rate (audience comments per post)",
            ["amplification_rate"] = "Amplification rate (shares per post)",
            ["applause_rate"] = "Applause rate (likes per post)",
            ["thread_size"] = "Average thread size",
            ["dm_thread_size"] = "Messages per DM conversation",
            ["interactions"] = "Interactions stored",
            ["style"] = "Reading",
        },
        Statuses = new Dictionary<string, string>
        {
            ["answered-later"] = "answered after the period",
            ["answered-late"] = "answered after the reply window",
            ["still-open"] = "still waiting",
            ["expired"] = "never answered",
        },
        Styles = new Dictionary<string, string>
        {
            ["conversational"] = "conversational",
            ["billboard"] = "billboard",
            ["mixed"] = "mixed",
        },
        Labels = new Dictionary<string, string>
        {
            ["relational"] = "relational",
            ["broadcast"] = "broadcast",
        },
        Sentences = new Dictionary<string, string>
        {
            ["share"] = "{0} of what {1} wrote talked with people rather than at them ({2} the period before).",
            ["share_none"] = "{0} wrote nothing in this period.",
            ["reply"] = "It answered {0} of the {1} customer messages within the reply window ({2} the period before); the median wait was {3}.",
            ["reply_none"] = "No customer message called for an answer.",
            ["open"] = "{0} customers were left without an answer when the period ended, {1} of them with a question.",
            ["open_none"] = "Every customer had an answer by the end of the period.",
            ["top"] = "The post that started the most conversations ({0} customers answered) was published on {1}.",
            ["posts"] = "Its posts had a mean engagement rate of {0}.",
        },
        DefinitionsText =
            "Brand relational share: the brand's relational messages over all its messages. Reply rate: customer messages answered within the reply window over customer messages; "
            + "a run of direct messages before the brand answers counts once, and a customer replying to another customer waits for no answer. First response: time from the customer's message "
            + "to the brand's first answer; business hours count only the time the business is open. Engagement rate: (likes + replies + shares) ÷ reach, impressions where reach is absent, "
            + "averaged over posts. Conversation, amplification and applause rates follow Avinash Kaushik: audience comments, shares and likes per post. \"No data\" means there was nothing to measure.",
    };

    public static ReportWords Italian { get; } = new()
    {
        Culture = CultureInfo.GetCultureInfo("it-IT"),
        Lang = "it",
        Title = "Rapporto sul coinvolgimento",
        OverviewTitle = "Quadro dell'agenzia",
        PeriodLabel = "Periodo",
        PreviousLabel = "confrontato con",
        AsOfLabel = "aggiornato al",
        Provisional = "Provvisorio: per alcuni clienti la finestra di risposta è ancora aperta, quindi i dati possono cambiare ({0} ancora in attesa).",
        NoData = "nessun dato",
        NotConfigured = "non configurato",
        NotAvailable = "n/d",
        Summary = "In breve",
        Headlines = "I numeri principali",
        Trends = "Settimana per settimana",
        Channels = "Canali",
        Responses = "Quanto velocemente rispondete",
        Posts = "Post",
        Unanswered = "Clienti rimasti senza risposta alla fine del periodo",
        TopPosts = "I post che hanno avviato più conversazioni",
        BottomPosts = "I post che ne hanno avviate meno",
        Definitions = "Come sono calcolati questi numeri",
        Metric = "Indicatore",
        ThisPeriod = "Questo periodo",
        PreviousPeriod = "Periodo precedente",
        Change = "Variazione",
        AllChannels = "Tutti i canali",
        Channel = "Canale",
        Client = "Cliente",
        Week = "Settimana del",
        Received = "Ricevuto",
        Waited = "In attesa a fine periodo",
        Question = "Domanda",
        Complaint = "Reclamo",
        Message = "Messaggio",
        Status = "Ora",
        Open = "aperti",
        Yes = "sì",
        Date = "Data",
        Post = "Post",
        Label = "Etichetta",
        Signals = "Perché",
        AnsweredColumn = "Clienti che hanno avuto risposta",
        RelationalAudienceColumn = "Commenti relazionali",
        LikesColumn = "Mi piace",
        SharesColumn = "Condivisioni",
        ReachColumn = "Copertura",
        EngagementColumn = "Tasso di coinvolgimento",
        AndMore = "e altri {0} (tutti nelle versioni CSV e JSON).",
        NoneWaiting = "Nessuno è rimasto senza risposta.",
        NoPosts = "Nessun post del marchio in questo periodo.",
        AllHours = "Tutte le ore",
        BusinessHours = "Orario di lavoro",
        Public = "Pubblici",
        Dm = "Messaggi diretti",
        Median = "Mediana",
        Mean = "Media",
        Quickest = "Più rapida",
        Slowest = "Più lenta",
        Answered = "Con risposta",
        ChartShareTitle = "Quota relazionale del marchio e tasso di risposta, settimana per settimana",
        ChartChannelsTitle = "Quota relazionale del marchio per canale: questo periodo e il precedente",
        ChartWeek = "Settimana",
        ChartPercent = "%",
        Metrics = new Dictionary<string, string>
        {
            ["brand_relational_share"] = "Quota relazionale del marchio",
            ["posts_relational_share"] = "Quota relazionale dei post",
            ["brand_messages"] = "Messaggi del marchio",
            ["customer_messages"] = "Messaggi di clienti a cui rispondere",
            ["reply_rate"] = "Tasso di risposta (entro la finestra)",
            ["reply_rate_in_time"] = "Risposte entro il tempo di attenzione",
            ["question_response_rate"] = "Tasso di risposta alle domande",
            ["median_first_response"] = "Prima risposta, mediana",
            ["mean_first_response"] = "Prima risposta, media",
            ["median_first_response_business"] = "Prima risposta, mediana in orario di lavoro",
            ["open_at_end"] = "Senza risposta a fine periodo",
            ["open_questions_at_end"] = "Di cui domande",
            ["engagement_rate"] = "Tasso di coinvolgimento (media per post)",
            ["conversation_rate"] = "Tasso di conversazione (commenti del pubblico per post)",
            ["amplification_rate"] = "Tasso di amplificazione (condivisioni per post)",
            ["applause_rate"] = "Tasso di apprezzamento (mi piace per post)",
            ["thread_size"] = "Lunghezza media delle discussioni",
            ["dm_thread_size"] = "Messaggi per conversazione privata",
            ["interactions"] = "Interazioni registrate",
            ["style"] = "Lettura",
        },
        Statuses = new Dictionary<string, string>
        {
            ["answered-later"] = "risposto dopo il periodo",
            ["answered-late"] = "risposto oltre la finestra",
            ["still-open"] = "ancora in attesa",
            ["expired"] = "mai risposto",
        },
        Styles = new Dictionary<string, string>
        {
            ["conversational"] = "conversazione",
            ["billboard"] = "cartellone",
            ["mixed"] = "misto",
        },
        Labels = new Dictionary<string, string>
        {
            ["relational"] = "relazionale",
            ["broadcast"] = "promozionale",
        },
        Sentences = new Dictionary<string, string>
        {
            ["share"] = "Il {0} di ciò che {1} ha scritto parlava con le persone, non alle persone ({2} nel periodo precedente).",
            ["share_none"] = "{0} non ha scritto nulla in questo periodo.",
            ["reply"] = "Ha risposto al {0} dei {1} messaggi dei clienti entro la finestra di risposta ({2} nel periodo precedente); l'attesa mediana è stata di {3}.",
            ["reply_none"] = "Nessun messaggio di clienti richiedeva una risposta.",
            ["open"] = "{0} clienti erano senza risposta alla fine del periodo, {1} dei quali con una domanda.",
            ["open_none"] = "Alla fine del periodo tutti i clienti avevano avuto una risposta.",
            ["top"] = "Il post che ha avviato più conversazioni ({0} clienti con risposta) è stato pubblicato il {1}.",
            ["posts"] = "I post hanno avuto un tasso di coinvolgimento medio del {0}.",
        },
        DefinitionsText =
            "Quota relazionale del marchio: i messaggi relazionali del marchio sul totale dei suoi messaggi. Tasso di risposta: messaggi dei clienti con risposta entro la finestra sul totale; "
            + "una serie di messaggi diretti prima della risposta conta una volta, e un cliente che risponde a un altro cliente non attende risposta dal marchio. Prima risposta: tempo dal messaggio "
            + "del cliente alla prima risposta del marchio; in orario di lavoro conta solo il tempo di apertura. Tasso di coinvolgimento: (mi piace + risposte + condivisioni) ÷ copertura, "
            + "impressioni dove manca la copertura, in media per post. Tassi di conversazione, amplificazione e apprezzamento secondo Avinash Kaushik: commenti del pubblico, condivisioni e mi piace per post. "
            + "\"Nessun dato\" significa che non c'era nulla da misurare.",
    };
}
