using Peepshow.Core.Extraction;

namespace Peepshow.Core.Tests.Extraction;

/// <summary>Additions, alterations and cursors on synthetic pictures.</summary>
public sealed class ChangeClassifierSpecs
{
    private static readonly AnalysisImage Page = Pictures.Solid(40).WithText(20, 10, 30, seed: 1);

    [Fact]
    public void A_new_line_of_text_on_the_background_is_an_addition()
    {
        var kind = ChangeClassifier.Classify(Page, Page.WithText(20, 40, 25, seed: 2));

        Assert.Equal(ChangeKind.Addition, kind);
    }

    [Fact]
    public void Words_appended_right_after_earlier_words_are_an_addition()
    {
        var line = Page.WithText(20, 40, 10, seed: 2);

        var kind = ChangeClassifier.Classify(line, line.WithText(50, 40, 8, seed: 3));

        Assert.Equal(ChangeKind.Addition, kind);
    }

    [Fact]
    public void A_line_replaced_by_another_is_an_alteration()
    {
        var kind = ChangeClassifier.Classify(Page.WithText(20, 40, 25, seed: 2), Page.WithText(20, 40, 25, seed: 3));

        Assert.Equal(ChangeKind.Alteration, kind);
    }

    [Fact]
    public void A_line_that_disappears_is_an_alteration()
    {
        var kind = ChangeClassifier.Classify(Page.WithText(20, 40, 25, seed: 2), Page);

        Assert.Equal(ChangeKind.Alteration, kind);
    }

    [Fact]
    public void A_bar_that_grows_is_an_addition_and_one_that_shrinks_is_not()
    {
        var shortBar = Page.WithBox(20, 100, 60, 6, 200);
        var longBar = Page.WithBox(20, 100, 64, 6, 200);

        Assert.Equal(ChangeKind.Addition, ChangeClassifier.Classify(shortBar, longBar));
        Assert.Equal(ChangeKind.Alteration, ChangeClassifier.Classify(longBar, shortBar));
    }

    [Fact]
    public void A_caret_that_moves_blinks_or_appears_is_only_a_cursor()
    {
        var here = Page.WithBox(120, 60, 2, 9, 230);
        var there = Page.WithBox(200, 90, 2, 9, 230);

        Assert.Equal(ChangeKind.Cursor, ChangeClassifier.Classify(here, there));
        Assert.Equal(ChangeKind.Cursor, ChangeClassifier.Classify(here, Page));
        Assert.Equal(ChangeKind.Cursor, ChangeClassifier.Classify(Page, there));
    }

    [Fact]
    public void Text_typed_where_the_caret_stood_is_an_addition()
    {
        var typed = Page.WithText(20, 40, 10, seed: 2);
        var before = typed.WithBox(52, 39, 2, 10, 230);
        var after = typed.WithText(53, 40, 6, seed: 4).WithBox(74, 39, 2, 10, 230);

        Assert.Equal(ChangeKind.Addition, ChangeClassifier.Classify(before, after));
    }

    [Fact]
    public void Identical_pictures_have_no_change()
    {
        Assert.Equal(ChangeKind.None, ChangeClassifier.Classify(Page, Pictures.Copy(Page)));
    }
}
