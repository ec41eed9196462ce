package chat

// scamLexicon: crypto and fake-giveaway scams, money-making offers and
// adult spam, by language. The scam rule blocks on a cScam phrase, or on a
// combination: a crypto word with a give, contact or money word; a prize
// with a contact; money with a contact. Single words of the combining
// classes are innocent on their own ("free shipping?", "my whatsapp is
// down", "who won?").
var scamLexicon = []lexGroup{
	// English
	{cScam, `double your | doubling your | double ur | send * get * back | send * receive * back
		airdrop | air drop | dm me to claim | dm to claim | claim your prize | claim your reward | claim your gift
		you have been selected | youve been selected | you were selected | winner of our
		guaranteed profit* | guaranteed return* | guaranteed income | risk free investment | investment plan
		trading signals | crypto signals | forex | binary options | account recovery | recover your * account
		seed phrase | recovery phrase | wallet address | connect your wallet | elon musk
		free nitro | discord nitro | free robux | free vbucks | free v bucks
		onlyfans | only fans | nudes | hot singles | sexy singles | sexy girls | hot girls in | dating site
		hookup | porn* | sugar daddy | sugar mommy | loan offer | instant loan | betting tips | fixed matches
		casino | free crypto | free btc | free eth | free bitcoin | crypto giveaway | bitcoin giveaway`},
	{cCrypto, `btc | bitcoin* | eth | ethereum | usdt | usdc | crypto* | doge* | solana | bnb | xrp | nft*
		metamask | trust wallet | binance | coinbase | ltc | tether`},
	{cGive, `send | double | doubled | 2x | x2 | x10 | giveaway | give away | giving away | claim
		airdrop | reward | multiply | instantly`},
	{cContact, `dm me | dm us | pm me | message me | inbox me | text me | whatsapp | whats app | telegram
		signal me | hit me up | contact me | reach me | add me on | snapchat | snap me | kik me | wechat
		dm for | dm now | write me | ask me how | d m me | p m me | message me for | want to know how
		comment info | who is interested | interested dm | in direct | dm if`},
	{cPrize, `you won | you win | youre the winner | you are the winner | lucky winner | winner | congratulations
		congrats you | prize | your reward | gift card | giftcard | free gift`},
	{cMoney, `earn | earning* | make money | making money | income | profit* | invest* | trading | trader
		per day | a day from | per week | per hour | passive | side hustle | financial freedom | roi | earned
		make * a month | make * a week | make * a day | made * a week | made * in a week | made * a month
		get rich | rich quick | $$ | replica* | replika* | cash app | cashapp | western union | moneygram`},

	// English, round 4: the families of public comment spam, as
	// families rather than sentences (see docs/chat-moderation.md).
	// Phrases that a buyer could write ("free shipping codes", "my
	// account got hacked", "gift card code") are left out: scam blocks.
	{cScam, `gift card generator | code generator | robux generator | vbucks generator | v bucks generator
		free psn codes | free xbox codes | free steam codes | free robux codes | psn codes | xbox live codes
		no human verification | no survey | get you verified | get verified on | verification badge
		recover your hacked | hack into | spy on | sugar baby | sugar babies | weekly allowance
		loan offer* | fast approval | low interest loan | crypto signals | signals group | win rate | expert trader
		trading expert | binary trading | forex trading | free netflix | free spotify premium | adult content
		exclusive pics | private pics | my private photos | hot pics | spicy pics`},
	{cMoney, `free money | easy money | quick money | fast money | extra money | extra cash | extra income | free cash
		work from home job* | work from home opportunit* | earn from home | money from home | from home job*
		from your phone | online job* | online work
		no experience | no skills | no experience needed | no skills needed | get paid to | pays * a week
		pays * a day | daily profit | weekly profit | monthly profit | a month from | per month | a week from
		k a week | k a month | payout | make * daily | earn * daily | earn * a day | earn * a week | earn * a month
		turned * into | grew * x | 10x | hiring | we are hiring | job offer | business opportunity | broker
		account manager | loan | loans | dropship* | side income`},
	{cContact, `comment yes | comment below | comment me | comment info | type yes | reply yes | comment and | comment if
		dm you | ill dm you | i ll dm you | i will dm you | message you | inbox you | text you | pm you
		contact him | contact her | message him | message her | text him | text her | reach him | reach her
		write to him | write to her | his whatsapp | her whatsapp | his telegram | her telegram | his instagram
		her instagram | on instagram | on telegram | on snap | add me | dm for | dm for details | dm for info
		message me for | ask me how | ask me | in my dm* | check dm* | telegram @ | whatsapp me | whatsapp +`},
	{cPrize, `you have won | youve won | you ve won | won an | won a | you are selected | you re selected
		claim now | claim it | claim here | free iphone* | free ipad | free ps5 | free gift* | giving away * iphone*`},
	{cPhish, `send me your | send your card | your card details | card details | card number | bank details
		your password | your login | login details | verify your account | confirm your account | your pin | cvv
		security code | social security | your id card`},
	{cImperson, `admin team | shop admin | shop manager | store manager | official support | official account
		youtube team | instagram team | security team | i m the admin | i am the admin | im the admin`},

	// Russian
	{cScam, `удвою | удвоим | удвоение | раздача крипт* | раздаю крипт* | бесплатная крипта | вы стали победителем
		вы выбраны | заберите выигрыш | получите выигрыш | заработок без вложений | без вложений
		быстрый заработок | пассивный доход | гарантированный доход | сигналы для трейдинга
		ставки на спорт | договорные матчи | казино | интим | знакомства для взрослых | онлифанс | сид фраз*
		бесплатн* биткоин* | бесплатн* крипт*`},
	{cCrypto, `биткоин* | биткойн* | крипт* | эфириум | юсдт | usdt | монет* | токен*`},
	{cGive, `отправь* | отправьте | переведи* | удвой* | удво* | раздач* | раздаю | халяв*`},
	{cContact, `пиши в лс | пишите в лс | в лс | в личку | в личные | напиши мне | пишите мне | телеграм* | телег*
		тг | вотсап* | ватсап* | вацап* | вайбер* | свяжитесь | свяжись со мной | директ | в директ
		кому интересно`},
	{cPrize, `вы выиграли | ты выиграл | ты выиграла | победител* | приз | выигрыш*`},
	{cMoney, `зараб* | доход* | прибыл* | инвест* | трейд* | пассивн* | реплик* | копии брендов | ставк*
		удаленк* | удалёнк* | подработк* | на дому | без опыта | займ*`},
	{cPhish, `данные карты | номер карты | пришлите номер | отправьте номер | ваш пароль | код из смс`},
	{cImperson, `администрация | администратор магазина | служба поддержки | менеджер магазина`},

	// Spanish
	{cScam, `duplica tu | duplicamos tu | te duplico | ganancias garantizadas | inversion segura | inversion garantizada
		dinero facil | ingresos pasivos | has sido seleccionado | reclama tu premio
		apuestas seguras | casino online | solo fans | citas calientes | frase semilla | bitcoin gratis | cripto gratis`},
	{cCrypto, `criptomoneda* | cripto* | bitcoin*`},
	{cGive, `envia | envie | enviame | manda | duplica* | regal* | reclama*`},
	{cContact, `escribeme | escribanme | mandame mensaje | mensaje privado | al privado | por privado | por interno
		al dm | contactame | agregame | whatsapp`},
	{cPrize, `ganaste | has ganado | eres el ganador | ganador* | premio*`},
	{cMoney, `ganar dinero | gana dinero | ganancia* | ingreso* | invers* | por dia | trabajo desde casa | desde casa
		desde tu casa | sin experiencia | prestamo* | al mes | a la semana`},
	{cPrize, `iphone gratis | gana un`},

	// Latvian
	{cScam, `dubulto savu | garanteta pelna | garanteti ienakumi | pelna bez riska | atra nauda
		viegla nauda | pasivie ienakumi | esat izvelets | sanemiet balvu | kazino | bezmaksas bitkoin* | bezmaksas kripto*`},
	{cCrypto, `kriptovalut* | bitkoin* | bitcoin*`},
	{cGive, `suti | sutiet | parskaiti | dubulto | davan*`},
	{cContact, `raksti man | rakstiet man | raksti privati | privata zina | sazinies | sazinieties`},
	{cPrize, `jus esat laimejis | esat laimejis | laimejat | laimetaj* | balva | balvu`},
	{cMoney, `pelni* | pelna | nopelni* | ienakum* | investic* | eur diena | eiro diena | darbs no majam | no majam
		eiro diena | eur dienā | diena no majam | bez pieredzes | aizdevum*`},

	// Chinese
	{cScam, `稳赚 | 稳赚不赔 | 日赚 | 日入过千 | 刷单 | 兼职日结 | 躺赚 | 空投 | 博彩 | 彩票 | 约炮 | 裸聊 | 色情 | 助记词 | 免费比特币`},
	{cCrypto, `比特币 | 以太坊 | 虚拟币 | 数字货币 | 币圈 | usdt`},
	{cGive, `送 | 领取 | 赠送 | 翻倍 | 转账 | 打款`},
	{cContact, `加微信 | 加我微信 | 微信 | 加v | 加vx | vx | 加qq | qq群 | 私聊 | 私信 | 联系我 | 加我 | 进群 | 扫码`},
	{cPrize, `中奖 | 恭喜你 | 恭喜您 | 奖品 | 奖励 | 红包`},
	{cMoney, `赚钱 | 赚 | 收益 | 投资 | 理财 | 副业 | 兼职 | 月入 | 日入 | 高仿 | a货 | 日结 | 在家 | 手机就能 | 贷款`},
	{cPrize, `免费领取`},

	// Arabic
	{cScam, `ربح مضمون | ارباح مضمونة | استثمار مضمون | لقد فزت | تم اختيارك | اربح المال | كازينو | بيتكوين مجانا`},
	{cCrypto, `بيتكوين | عملات رقمية | كريبتو`},
	{cGive, `ارسل | هدية | ضاعف`},
	{cContact, `واتساب | الواتساب | واتس | تيليجرام | تلجرام | راسلني | تواصل معي`},
	{cPrize, `فزت | الفائز | جائزة | ربحت | مبروك`},
	{cMoney, `ربح | اربح | ارباح | استثمار | استثمر | دخل | يوميا | من البيت | من المنزل | التداول | قرض`},
}
