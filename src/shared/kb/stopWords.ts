/**
 * Words that say nothing about which article is meant. Agents type them ("druckt nicht", "will
 * not start"), and as prefixes they would match half the knowledge base. Both languages are
 * dropped from every query, because a query's language is often not known.
 */
const german = `aber alle allem allen aller alles als also am an auch auf aus bei beim bin bis bist da damit dann
  das dass dem den der des dich die dies diese dieser dir doch dort du durch ein eine einem einen einer eines er es
  etwas euch für gar hab habe haben hat hatte ich ihm ihn ihr im immer in ins ist ja jetzt kann kein keine keinen
  keiner man mein meine meinem meinen meiner mich mir mit muss nach nicht nichts noch nur ob oder ohne schon sehr
  sein seine sich sie sind so soll über um und uns unser von vor war warum was weil wenn wer werden wie wieder wir
  wird wo zu zum zur`

const english = `a about after all also am an and any are as at be because been but by can cannot could did do
  does doesn don for from get gets got had has have he her his how i if in into is it its just me my no not of on
  once only or our out she so some than that the their them then there these they this to too up us very was we
  were what when where which while who why will with won would you your`

export const stopWords: ReadonlySet<string> = new Set(`${german} ${english}`.split(/\s+/).filter(Boolean))
