package overlays

import (
	"strings"

	"golang.org/x/text/feature/plural"
)

// word names a phrase the renderer adds on its own; the caller's text
// (titles, codes, names) is never translated.
type word int

const (
	wLive        word = iota // the LIVE badge
	wViewers                 // "{n} viewers"
	wLeft                    // "{n} of {total} left"
	wSoldOut                 // flash sale at zero stock
	wFlashSale               // flash sale heading
	wEnded                   // flash sale after its countdown
	wValid                   // "valid {d}"
	wMinutes                 // "{n} min"
	wSeconds                 // "{n} s"
	wHours                   // "{n} h"
	wTypeToBuy               // "Type {k} to buy"
	wPromoCode               // promo heading
	wCoupon                  // coupon heading
	wWinner                  // giveaway heading
	wPrize                   // "Prize: {p}"
	wPinned                  // pinned comment tag
	wAnswer                  // host's answer label
	wSponsored               // tag on a sponsored product's card
	wPartnership             // the default disclosure text
	wOff                     // discount pill: "−{n}%"
	numWords
)

// forms is one phrase by CLDR plural form; a phrase without numbers, or
// with the same text for every form, has only plural.Other.
type forms map[plural.Form]string

// words holds the five locales the product ships in. Phrases take {n},
// {total}, {k}, {d} and {p} and are filled after the numbers are formatted
// for the locale. Russian and Latvian percent and unit spacing follow CLDR
// (a no-break space before % in Russian). Han characters here are also
// kept by scripts/subset-fonts.sh, so the subset font always has them.
var words = map[string][numWords]forms{
	"en": {
		wLive:        {plural.Other: "LIVE"},
		wViewers:     {plural.One: "{n} viewer", plural.Other: "{n} viewers"},
		wLeft:        {plural.Other: "{n} of {total} left"},
		wSoldOut:     {plural.Other: "SOLD OUT"},
		wFlashSale:   {plural.Other: "FLASH SALE"},
		wEnded:       {plural.Other: "ENDED"},
		wValid:       {plural.Other: "valid {d}"},
		wMinutes:     {plural.Other: "{n} min"},
		wSeconds:     {plural.Other: "{n} s"},
		wHours:       {plural.Other: "{n} h"},
		wTypeToBuy:   {plural.Other: "Type {k} to buy"},
		wPromoCode:   {plural.Other: "PROMO CODE"},
		wCoupon:      {plural.Other: "COUPON"},
		wWinner:      {plural.Other: "GIVEAWAY WINNER"},
		wPrize:       {plural.Other: "Prize: {p}"},
		wPinned:      {plural.Other: "PINNED"},
		wAnswer:      {plural.Other: "Answer"},
		wSponsored:   {plural.Other: "Sponsored"},
		wPartnership: {plural.Other: "Paid partnership"},
		wOff:         {plural.Other: "−{n}%"},
	},
	"lv": {
		wLive:        {plural.Other: "TIEŠRAIDE"},
		wViewers:     {plural.Zero: "{n} skatītāju", plural.One: "{n} skatītājs", plural.Other: "{n} skatītāji"},
		wLeft:        {plural.One: "Atlicis {n} no {total}", plural.Other: "Atlikuši {n} no {total}"},
		wSoldOut:     {plural.Other: "IZPĀRDOTS"},
		wFlashSale:   {plural.Other: "ZIBENS AKCIJA"},
		wEnded:       {plural.Other: "BEIDZIES"},
		wValid:       {plural.Other: "derīgs {d}"},
		wMinutes:     {plural.Other: "{n} min"},
		wSeconds:     {plural.Other: "{n} s"},
		wHours:       {plural.Other: "{n} st."},
		wTypeToBuy:   {plural.Other: "Raksti {k}, lai pirktu"},
		wPromoCode:   {plural.Other: "ATLAIDES KODS"},
		wCoupon:      {plural.Other: "KUPONS"},
		wWinner:      {plural.Other: "IZLOZES UZVARĒTĀJS"},
		wPrize:       {plural.Other: "Balva: {p}"},
		wPinned:      {plural.Other: "PIESPRAUSTS"},
		wAnswer:      {plural.Other: "Atbilde"},
		wSponsored:   {plural.Other: "Sponsorēts"},
		wPartnership: {plural.Other: "Apmaksāta sadarbība"},
		wOff:         {plural.Other: "−{n}%"},
	},
	"ru": {
		wLive:        {plural.Other: "В ЭФИРЕ"},
		wViewers:     {plural.One: "{n} зритель", plural.Few: "{n} зрителя", plural.Many: "{n} зрителей", plural.Other: "{n} зрителя"},
		wLeft:        {plural.One: "Остался {n} из {total}", plural.Other: "Осталось {n} из {total}"},
		wSoldOut:     {plural.Other: "РАСПРОДАНО"},
		wFlashSale:   {plural.Other: "ФЛЕШ-РАСПРОДАЖА"},
		wEnded:       {plural.Other: "ЗАВЕРШЕНО"},
		wValid:       {plural.Other: "действует {d}"},
		wMinutes:     {plural.Other: "{n} мин"},
		wSeconds:     {plural.Other: "{n} с"},
		wHours:       {plural.Other: "{n} ч"},
		wTypeToBuy:   {plural.Other: "Напишите {k}, чтобы купить"},
		wPromoCode:   {plural.Other: "ПРОМОКОД"},
		wCoupon:      {plural.Other: "КУПОН"},
		wWinner:      {plural.Other: "ПОБЕДИТЕЛЬ РОЗЫГРЫША"},
		wPrize:       {plural.Other: "Приз: {p}"},
		wPinned:      {plural.Other: "ЗАКРЕПЛЕНО"},
		wAnswer:      {plural.Other: "Ответ"},
		wSponsored:   {plural.Other: "Реклама"},
		wPartnership: {plural.Other: "Реклама"},
		wOff:         {plural.Other: "−{n}\u00a0%"},
	},
	"zh": {
		wLive:        {plural.Other: "直播"},
		wViewers:     {plural.Other: "{n} 人观看"},
		wLeft:        {plural.Other: "剩余 {n}/{total} 件"},
		wSoldOut:     {plural.Other: "已售罄"},
		wFlashSale:   {plural.Other: "限时抢购"},
		wEnded:       {plural.Other: "已结束"},
		wValid:       {plural.Other: "有效期 {d}"},
		wMinutes:     {plural.Other: "{n} 分钟"},
		wSeconds:     {plural.Other: "{n} 秒"},
		wHours:       {plural.Other: "{n} 小时"},
		wTypeToBuy:   {plural.Other: "输入 {k} 购买"},
		wPromoCode:   {plural.Other: "优惠码"},
		wCoupon:      {plural.Other: "优惠券"},
		wWinner:      {plural.Other: "抽奖中奖者"},
		wPrize:       {plural.Other: "奖品：{p}"},
		wPinned:      {plural.Other: "置顶评论"},
		wAnswer:      {plural.Other: "主播回复"},
		wSponsored:   {plural.Other: "赞助"},
		wPartnership: {plural.Other: "付费合作"},
		wOff:         {plural.Other: "−{n}%"},
	},
	// Arabic counts have six forms; "few" (3-10) takes the plural, "many"
	// (11-99) and "other" (100+) the singular.
	"ar": {
		wLive:        {plural.Other: "مباشر"},
		wViewers:     {plural.Two: "{n} مشاهدان", plural.Few: "{n} مشاهدين", plural.Many: "{n} مشاهدًا", plural.Other: "{n} مشاهد"},
		wLeft:        {plural.Other: "المتبقي {n} من {total}"},
		wSoldOut:     {plural.Other: "نفدت الكمية"},
		wFlashSale:   {plural.Other: "تخفيضات خاطفة"},
		wEnded:       {plural.Other: "انتهى العرض"},
		wValid:       {plural.Other: "صالح لمدة {d}"},
		wMinutes:     {plural.Two: "{n} دقيقتين", plural.Few: "{n} دقائق", plural.Other: "{n} دقيقة"},
		wSeconds:     {plural.Two: "{n} ثانيتين", plural.Few: "{n} ثوانٍ", plural.Other: "{n} ثانية"},
		wHours:       {plural.Two: "{n} ساعتين", plural.Few: "{n} ساعات", plural.Other: "{n} ساعة"},
		wTypeToBuy:   {plural.Other: "اكتب {k} للشراء"},
		wPromoCode:   {plural.Other: "رمز الخصم"},
		wCoupon:      {plural.Other: "قسيمة"},
		wWinner:      {plural.Other: "الفائز بالسحب"},
		wPrize:       {plural.Other: "الجائزة: {p}"},
		wPinned:      {plural.Other: "تعليق مثبّت"},
		wAnswer:      {plural.Other: "الرد"},
		wSponsored:   {plural.Other: "محتوى مموّل"},
		wPartnership: {plural.Other: "شراكة مدفوعة"},
		wOff:         {plural.Other: "خصم {n}٪"},
	},
}

// pick returns the phrase for form, falling back to Other.
func (f forms) pick(form plural.Form) string {
	if s, ok := f[form]; ok {
		return s
	}
	return f[plural.Other]
}

// fill replaces {name} placeholders; pairs is name, value, name, value...
func fill(s string, pairs ...string) string {
	for i := 0; i+1 < len(pairs); i += 2 {
		s = strings.ReplaceAll(s, "{"+pairs[i]+"}", pairs[i+1])
	}
	return s
}
