package i18n

import (
	"huddle/backlog"
	"huddle/retro"
)

// RetroTemplate is a retro template's name as its reader reads it: the id
// ("well-improve") in English, its columns in Chinese. The id stays what the
// file and the CLI's --template keep.
func (t Tr) RetroTemplate(tpl retro.Template) string {
	switch tpl {
	case retro.TemplateWellImprove:
		return t.T("ev.word.template_well_improve")
	case retro.TemplateStartStop:
		return t.T("ev.word.template_start_stop")
	case retro.TemplateMadSadGlad:
		return t.T("ev.word.template_mad_sad_glad")
	case retro.Template4Ls:
		return t.T("ev.word.template_4ls")
	}
	return string(tpl)
}

// PokerCard is a planning poker card as its reader reads it: the coffee card
// by its name, the others as they are ("5", "?", "XL"). A vote stays the card.
func (t Tr) PokerCard(card string) string {
	if card == backlog.CardCoffee {
		return t.T("ev.word.card_coffee")
	}
	return card
}
