namespace Engagement.Ml.Features;

/// <summary>Cue words in the five corpus languages, already folded (lowercase, no accents) like normalised tokens.</summary>
/// <remarks>
/// The lists feed two things: the structural counts the model weighs, and the naming of n-gram contributions
/// in explanations. They never decide a label by themselves; the model's weights do.
/// </remarks>
internal static class Lexicon
{
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
        "tu ti te tuo tua tuoi tue voi vi vostro vostra vostri vostre hai sei puoi vuoi potete volete avete siete",
        "you your yours youre yourself yourselves u ya",
        "usted ustedes vosotros vosotras tus vuestro vuestra tienes puedes quieres",
        "vous votre vos toi ton ta tes avez pouvez voulez",
        "du dir dich dein deine ihr euch euer eure ihnen koennt kannst willst hast");

    public static readonly HashSet<string> FirstPersonPlural = Words(
        "noi nostro nostra nostri nostre abbiamo siamo ci insieme squadra team staff famiglia",
        "we our ours us weve were ourselves together",
        "nosotros nosotras nuestro nuestra nuestros nuestras hemos somos equipo juntos",
        "nous notre nos equipe ensemble sommes avons",
        "wir unser unsere unseren unserem uns haben sind gemeinsam",
        "ourteam");

    public static readonly HashSet<string> FirstPersonSingular = Words(
        "io mio mia miei mie ho sono mi me",
        "i im ive my mine me myself",
        "yo mi mis tengo estoy",
        "je moi mon ma mes suis ai",
        "ich mein meine mir mich bin habe");

    public static readonly HashSet<string> CallToAction = Words(
        "acquista acquistalo acquistala compra compralo ordina ordinalo prenota prenotate prenotare prenotazioni scopri iscriviti iscrivetevi registrati scarica richiedi approfitta affrettati corri visita provalo regala link",
        "buy discover subscribe signup register download grab hurry claim reserve",
        "compra comprar reserva reservar descubre suscribete aprovecha pide",
        "achetez acheter commandez commander reservez reserver decouvrez inscrivez profitez",
        "kaufen kauf bestellen bestelle buchen entdecke entdecken sichern jetzt abonnieren");

    // Words that are also everyday nouns or verbs ("book", "order", "shop", "get", "off", Italian "sale" = salt)
    // only count inside these phrases, or a bookshop's story about its cat reads as a sales pitch.
    public static readonly string[] CallToActionPhrases =
    [
        "link in bio", "link nella bio", "link in descrizione", "shop now", "order now", "order online", "buy now", "book now",
        "book your", "book a table", "shop the", "visit our", "get yours", "get it now", "sale now on", "on sale", "_percent_ off", "_percent_ di sconto",
        "acquista ora", "ordina ora", "prenota ora", "prenota subito", "ordina subito", "scopri di piu", "scopri la",
        "scopri il", "clicca", "click the link", "tap the link", "swipe up", "learn more", "sign up", "per info",
        "info e prenotazioni", "disponibile online", "available online", "in tutti i nostri negozi", "in store",
        "compra ya", "reserva ya", "jetzt kaufen", "jetzt bestellen", "jetzt entdecken", "achetez maintenant",
        "commandez maintenant", "en savoir plus", "lien en bio", "link en bio", "link im bio", "sul nostro sito",
        "on our website", "sito web", "website", "spedizione gratuita", "free shipping",
    ];

    public static readonly HashSet<string> Discount = Words(
        "sconto sconti scontato scontati promo promozione promozioni offerta offerte saldi codice coupon omaggio gratuito gratuita outlet blackfriday cybermonday",
        "discount discounts sales offer offers deal deals promo code coupon bogo",
        "descuento descuentos oferta ofertas rebajas codigo gratis",
        "remise remises reduction soldes offre offres promo code gratuit",
        "rabatt rabatte angebot angebote gutschein gratis kostenlos");

    public static readonly HashSet<string> Thanks = Words(
        "grazie grazi ringraziamo ringrazio ringraziare thanks thank thx ty gracias merci danke dankeschon vielen");

    public static readonly HashSet<string> Apology = Words(
        "scusa scusate scusaci scusi dispiace spiace sorry apologies apologize apologise siento disculpa disculpe perdon desole desolee excuse entschuldigung leid");

    public static readonly HashSet<string> Help = Words(
        "aiutarti aiutare aiuto assistenza supporto risolvere verifichiamo controlliamo help support assist fix sort ayuda ayudarte aide aider hilfe helfen dm privato direct inbox scrivici contattaci contact");

    public static readonly HashSet<string> Launch = Words(
        "nuovo nuova nuovi nuove novita arrivato arrivata arrivati arrivi lancio collezione disponibile disponibili new launch launching collection arrivals available nuevo nueva coleccion disponible nouveau nouvelle nouveaute collection disponible neu neue neuheit kollektion verfugbar");

    // Contests run as promotion are broadcast by docs/labels.md ("tag 3 friends", "follow and share").
    public static readonly HashSet<string> Contest = Words(
        "concorso giveaway vinci vincere vincitore vincitrice estrazione tagga taggate premio premi regolamento",
        "win winner winners contest giveaway tag enter prize raffle",
        "sorteo concurso gana ganar ganador etiqueta premio",
        "concours gagner gagnant tirage jeu",
        "gewinnspiel gewinnen gewinner verlosung markiere preis");

    // Corporate news, hiring, awards and notices: informative, and nobody is asked anything.
    public static readonly HashSet<string> Announcement = Words(
        "orari orario apertura aperti chiuso chiusi chiusura evento eventi comunicato annuncio annunciamo annunciare lieti lieto inaugurazione calendario programma avviso promemoria scadenza assumiamo cerchiamo candidature candidatura selezioniamo premiati premio classifica certificazione",
        "hours opening open closed closure event events announce announcing announcement schedule press release proud delighted pleased hiring recruiting vacancy apply careers reminder deadline award awarded ranked certified",
        "horario abierto cerrado evento anuncio comunicado contratamos buscamos recordatorio premio",
        "horaires ouvert ferme fermeture evenement annonce communique recrutons recrutement rappel",
        "offnungszeiten geoffnet geschlossen veranstaltung ankundigung pressemitteilung stellenangebot suchen erinnerung auszeichnung");

    public static readonly HashSet<string> Praise = Words(
        "bravi brava bravo buonissimo buonissima buonissimi ottimo ottima top fantastico fantastica stupendo stupenda bellissimo bellissima adoro amo love loved loving amazing awesome great delicious best beautiful gorgeous wonderful perfect encanta delicioso genial genial magnifique adore parfait super toll lecker wunderbar");

    public static readonly HashSet<string> Complaint = Words(
        "problema problemi reclamo rimborso ritardo rotto rotta difettoso pessimo pessima vergogna mai nessuna risposta",
        "problem issue refund late delay broken damaged worst terrible never still waiting disappointed complaint",
        "problema reembolso retraso roto queja",
        "probleme remboursement retard casse plainte decu",
        "problem ruckerstattung verspatung kaputt beschwerde enttauscht");

    private static HashSet<string> Words(params string[] lines) =>
        new(lines.SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)), StringComparer.Ordinal);

    public static int CountWords(IReadOnlyList<string> tokens, HashSet<string> words)
    {
        var count = 0;
        foreach (var token in tokens)
        {
            if (words.Contains(token))
            {
                count++;
            }
        }

        return count;
    }

    private static readonly string[] PaddedCallToActionPhrases = CallToActionPhrases.Select(p => " " + p + " ").ToArray();

    /// <summary>How many of the call-to-action phrases occur, as whole tokens, in the space-joined tokens.</summary>
    public static int CountCallToActionPhrases(string joined)
    {
        var padded = " " + joined + " ";
        var count = 0;
        foreach (var phrase in PaddedCallToActionPhrases)
        {
            if (padded.Contains(phrase, StringComparison.Ordinal))
            {
                count++;
            }
        }

        return count;
    }
}
