namespace Engagement.Ml.Features;

/// <summary>Cue words and phrases in the five corpus languages, already folded (lowercase, no accents) like normalised tokens.</summary>
/// <remarks>
/// The lists feed <see cref="Cues"/>, which applies them in context (sentence, question, negation, neighbours) for two
/// things: the structural counts the model weighs, and the naming of contributions in explanations. They never decide
/// a label by themselves; the model's weights do. A word that is a cue only in some company ("book", "tag", "still")
/// is listed as a phrase, not as a word.
/// </remarks>
internal static class Lexicon
{
    // Counted only inside a question: "when I was a kid" and "come sempre" are no questions.
    public static readonly HashSet<string> Interrogatives = Words(
        // it
        "chi cosa come quando dove perche quale quali quanto quanta quanti quante qual",
        // en
        "what who whom whose how when where why which anyone anybody",
        // es
        "quien quienes como cuando donde porque cual cuales cuanto cuanta cuantos",
        // fr
        "quoi qui comment quand pourquoi quel quelle quels quelles combien",
        // de
        "wer wen wem wie wann wo warum welche welcher welches wieso weshalb");

    public static readonly HashSet<string> SecondPerson = Words(
        "tu ti tuo tua tuoi tue voi vi vostro vostra vostri vostre hai sei puoi vuoi potete volete avete siete",
        "you your yours youre yourself yourselves u ya",
        "usted ustedes vosotros vosotras tus vuestro vuestra tienes puedes quieres",
        "vous votre vos toi ton ta tes avez pouvez voulez",
        "du dir dich dein deine euch euer eure koennt kannst willst hast");

    // Italian "ci" is not here: it is "us" in "ci vediamo" but "there" in "ci sono" and nothing in "ci vuole". Italian
    // first-person plural verbs (-iamo) are counted by their ending instead.
    public static readonly HashSet<string> FirstPersonPlural = Words(
        "noi nostro nostra nostri nostre",
        "we our ours us weve ourselves",
        "nosotros nosotras nuestro nuestra nuestros nuestras hemos somos",
        "nous notre nos sommes avons",
        "wir unser unsere unseren unserem uns");

    public static readonly HashSet<string> Team = Words("squadra team staff equipe equipo ourteam mitarbeiter mitarbeiterin colleghi colleagues");

    // Not Italian "sono": it is "I am" and "they are" ("sono arrivate le nuove borse").
    public static readonly HashSet<string> FirstPersonSingular = Words(
        "io mio mia miei mie ho mi me",
        "i im ive my mine me myself",
        "yo mi mis tengo estoy",
        "je moi mon ma mes suis ai",
        "ich mein meine mir mich bin habe");

    /// <summary>Possessives that make "new" someone's thing rather than a launch ("my new sofa").</summary>
    public static readonly HashSet<string> Possessives = Words("my mio mia miei mie mi mis mon ma mes mein meine meinen our nostro nostra nostri nostre your tuo tua vostro vostra");

    public static readonly HashSet<string> Negations = Words("not no non never mai nicht kein keine pas ni nunca jamais dont doesnt didnt isnt wasnt cant");

    public static readonly HashSet<string> CallToAction = Words(
        "acquista acquistalo acquistala compra compralo ordina ordinalo prenota prenotate prenotare prenotazioni scopri iscriviti iscrivetevi registrati scarica richiedi approfitta affrettati corri provalo regala",
        "buy discover subscribe signup register download grab hurry claim reserve",
        "comprar reserva reservar descubre suscribete aprovecha pide",
        "achetez acheter commandez commander reservez reserver decouvrez inscrivez profitez",
        "kaufen kauf bestellen bestelle buchen entdecke entdecken sichern abonnieren");

    // Words that are also everyday nouns or verbs ("book", "order", "shop", "get", "off", "link", German "jetzt", Italian
    // "sale" = salt) only count inside these phrases, or a bookshop's story about its cat reads as a sales pitch.
    public static readonly string[] CallToActionPhrases =
    [
        "link in bio", "link nella bio", "link in descrizione", "shop now", "order now", "order online", "buy now", "book now",
        "book your", "book a table", "shop the", "visit our", "get yours", "get it now", "sale now on", "on sale", "_percent_ off", "_percent_ di sconto",
        "acquista ora", "ordina ora", "prenota ora", "prenota subito", "ordina subito", "scopri di piu", "scopri la",
        "scopri il", "clicca", "click the link", "tap the link", "swipe up", "learn more", "sign up", "per info",
        "info e prenotazioni", "disponibile online", "available online", "in tutti i nostri negozi", "in store",
        "compra ya", "reserva ya", "jetzt kaufen", "jetzt bestellen", "jetzt entdecken", "achetez maintenant",
        "commandez maintenant", "en savoir plus", "lien en bio", "link en bio", "link im bio", "sul nostro sito",
        "on our website", "sito web", "website", "spedizione gratuita", "free shipping", "visita il sito", "visit the",
    ];

    public static readonly HashSet<string> Discount = Words(
        "sconto sconti scontato scontati promo promozione promozioni offerta offerte saldi codice coupon omaggio gratuito gratuita outlet blackfriday cybermonday",
        "discount discounts sales offer offers deal deals promo code coupon bogo",
        "descuento descuentos oferta ofertas rebajas codigo gratis",
        "remise remises reduction soldes offre offres promo code gratuit",
        "rabatt rabatte angebot angebote gutschein gratis kostenlos");

    /// <summary>Discount words that are offers only beside a code, a price or a percentage.</summary>
    public static readonly HashSet<string> CodeWords = Words("codice code codigo coupon gutschein");

    public static readonly HashSet<string> Thanks = Words(
        "grazie grazi ringraziamo ringrazio ringraziare thanks thank thx ty gracias merci danke dankeschon vielen");

    public static readonly HashSet<string> Help = Words(
        "scusa scusate scusaci scusi dispiace spiace sorry apologies apologize apologise siento disculpa disculpe perdon desole desolee excuse entschuldigung",
        "aiutarti aiutare aiuto assistenza risolvere verifichiamo controlliamo help assist fix ayuda ayudarte aide aider hilfe helfen");

    // Moving a talk to private messages: a brand's "send us a DM" answers someone, a stranger's "DM me" sells.
    public static readonly HashSet<string> Private = Words("dm dms privato privati direct inbox scrivici scrivimi contattaci contattami whatsapp messaggio mp");

    public static readonly HashSet<string> Launch = Words(
        "nuovo nuova nuovi nuove novita arrivato arrivata arrivati arrivi lancio collezione disponibile disponibili new launch launching collection arrivals available nuevo nueva coleccion disponible nouveau nouvelle nouveaute collection disponible neu neue neuheit kollektion verfugbar");

    // A product coming back or arriving, said without the word "new".
    public static readonly string[] LaunchPhrases =
    [
        "is back", "are back", "back in stock", "now in", "now comes", "now available", "just dropped", "just landed", "new in",
        "e tornato", "e tornata", "sono tornati", "sono tornate", "torna", "tornano", "di nuovo disponibile", "appena arrivati",
        "ya esta aqui", "vuelve", "est de retour", "ist zuruck", "wieder da",
    ];

    // Contests run as promotion are broadcast by docs/labels.md ("tag 3 friends", "follow and share").
    public static readonly HashSet<string> Contest = Words(
        "concorso giveaway vinci vincere vincitore vincitrice estrazione tagga taggate premio premi regolamento",
        "win winner winners contest giveaway prize raffle",
        "sorteo concurso gana ganar ganador premio",
        "concours gagner gagnant tirage",
        "gewinnspiel gewinnen gewinner verlosung markiere");

    public static readonly string[] ContestPhrases =
    [
        "tag a friend", "tag _num_ friends", "tag your", "tag someone", "tag two", "tag three", "enter to win", "to enter",
        "etiqueta a", "jeu concours",
    ];

    // Corporate news, hiring, awards and notices: informative, and nobody is asked anything. Not counted inside a
    // question: "are you open on Sunday?" asks, it announces nothing.
    public static readonly HashSet<string> Announcement = Words(
        "orari orario apertura aperti chiuso chiusi chiusura evento eventi comunicato annuncio annunciamo annunciare lieti lieto inaugurazione calendario programma avviso promemoria scadenza assumiamo cerchiamo candidature candidatura selezioniamo premiati classifica certificazione",
        "hours opening open closed closure event events announce announcing announcement schedule press release proud delighted pleased hiring recruiting vacancy apply careers reminder deadline award awarded ranked certified",
        "horario abierto cerrado evento anuncio comunicado contratamos buscamos recordatorio",
        "horaires ouvert ferme fermeture evenement annonce communique recrutons recrutement rappel",
        "offnungszeiten geoffnet geschlossen veranstaltung ankundigung pressemitteilung stellenangebot erinnerung auszeichnung");

    // Praise only names a contribution when no negation stands just before it ("not great", "non buono").
    public static readonly HashSet<string> Praise = Words(
        "bravi brava bravo buonissimo buonissima buonissimi ottimo ottima top fantastico fantastica stupendo stupenda bellissimo bellissima adoro amo love loved loving amazing awesome great delicious best beautiful gorgeous wonderful perfect encanta delicioso genial magnifique adore parfait super toll lecker wunderbar");

    // Words that signal a problem on their own. "Still", "never", "mai" and "nessuna" do only in the phrases below:
    // "still the best pizza in town" is praise, "when I was still a kid" a story.
    public static readonly HashSet<string> Complaint = Words(
        "problema problemi reclamo rimborso ritardo rotto rotta difettoso pessimo pessima vergogna",
        "problem issue refund delay broken damaged worst terrible disappointed complaint",
        "reembolso retraso roto queja",
        "probleme remboursement retard casse plainte decu",
        "ruckerstattung verspatung kaputt beschwerde enttauscht");

    public static readonly string[] ComplaintPhrases =
    [
        "still waiting", "still not", "still no", "still havent", "still hasnt", "still nothing", "still broken", "still missing",
        "never arrived", "never received", "never got", "never came", "never answered", "never replied", "no response", "no reply",
        "not working", "doesnt work", "didnt arrive", "too late", "arrived late",
        "mai arrivato", "mai arrivata", "mai ricevuto", "mai ricevuta", "mai risposto", "nessuna risposta", "non funziona",
        "non e arrivato", "non e arrivata", "ancora niente", "ancora nessuna", "sto ancora aspettando", "ancora in attesa",
        "todavia no", "toujours pas", "immer noch nicht", "noch nicht angekommen",
    ];

    private static HashSet<string> Words(params string[] lines) =>
        new(lines.SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)), StringComparer.Ordinal);
}
