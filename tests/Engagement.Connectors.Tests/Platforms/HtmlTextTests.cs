using Engagement.Connectors.Platforms;

namespace Engagement.Connectors.Tests.Platforms;

public sealed class HtmlTextTests
{
    [Theory]
    [InlineData("<p>Ciao</p><p>Bologna</p>", "Ciao\n\nBologna")]
    [InlineData("<p>riga uno<br>riga due<br/>riga tre<br />fine</p>", "riga uno\nriga due\nriga tre\nfine")]
    [InlineData("<p>Tom &amp; Jerry &quot;sì&quot; l&#39;ordine &lt;3 &#x1F35E; &nbsp;ok</p>", "Tom & Jerry \"sì\" l'ordine <3 🍞 \u00A0ok")]
    [InlineData("<p><span class=\"h-card\"><a href=\"https://x.example/@marco\" class=\"u-url mention\">@<span>marco</span></a></span> grazie!</p>", "@marco grazie!")]
    [InlineData("<p><a href=\"https://x.example/tags/pane\" class=\"mention hashtag\" rel=\"tag\">#<span>pane</span></a></p>", "#pane")]
    [InlineData("<p>Vedi <a href=\"https://shop.example/prenota\"><span class=\"invisible\">https://</span><span class=\"\">shop.example/prenota</span><span class=\"invisible\"></span></a></p>", "Vedi https://shop.example/prenota")]
    [InlineData("<p>Lo prendo qui</p><p class=\"quote-inline\">RE: <a href=\"https://m.example/@a/1\">m.example/@a/1</a></p>", "Lo prendo qui")]
    [InlineData("testo senza tag,\n  a capo   nel sorgente", "testo senza tag, a capo nel sorgente")]
    [InlineData("<p>uno</p>\n<p>due</p>", "uno\n\ndue")]
    [InlineData("<script>alert(1)</script><p>solo questo</p>", "solo questo")]
    [InlineData("3 < 4 e basta", "3 < 4 e basta")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void HtmlBecomesPlainTextWithItsLinesAndEntities(string? html, string text) =>
        Assert.Equal(text, HtmlText.ToPlainText(html));
}
