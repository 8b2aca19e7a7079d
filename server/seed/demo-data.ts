// Fictional demo content for local use only; ideas, people and statuses are invented.

export type LocalizedText = { lv: string; ru: string; en: string };

export interface DemoCategory {
  slug: string;
  name: LocalizedText;
  icon: 'circle' | 'square' | 'triangle' | 'diamond' | 'star' | 'hexagon' | 'pentagon' | 'cross' | 'drop';
  color: string;
}

export interface DemoPlace {
  slug: string;
  kind: 'neighbourhood' | 'landmark';
  name: LocalizedText;
  latitude: number;
  longitude: number;
}

export interface DemoConsultation {
  slug: string;
  title: LocalizedText;
  description: LocalizedText;
  phase: 'collecting';
  moderationMode: 'post';
  supportBudget: number | null;
}

export interface DemoIdea {
  title: string;
  description: string;
  originalLocale: 'lv' | 'ru' | 'en';
  category: string;
  nebValues: ('beautiful' | 'sustainable' | 'together')[];
  nebSentences: Partial<Record<'beautiful' | 'sustainable' | 'together', string>>;
  place: string;
  offset: [number, number];
  status: 'new' | 'under_review' | 'accepted' | 'rejected' | 'in_progress' | 'implemented';
}

export const demoCategories: DemoCategory[] = [
  {
    slug: 'green-space',
    name: { lv: 'Zaļās zonas', ru: 'Зелёные зоны', en: 'Green spaces' },
    icon: 'circle',
    color: '#1b7f3b',
  },
  {
    slug: 'play-youth',
    name: { lv: 'Rotaļas un jaunieši', ru: 'Игры и молодёжь', en: 'Play and youth' },
    icon: 'star',
    color: '#c2410c',
  },
  {
    slug: 'walking-cycling',
    name: { lv: 'Gājēji un velosipēdisti', ru: 'Пешеходы и велосипедисты', en: 'Walking and cycling' },
    icon: 'triangle',
    color: '#1d4ed8',
  },
  {
    slug: 'culture-art',
    name: { lv: 'Kultūra un māksla', ru: 'Культура и искусство', en: 'Culture and art' },
    icon: 'diamond',
    color: '#7e22ce',
  },
  {
    slug: 'accessibility',
    name: { lv: 'Vides pieejamība', ru: 'Доступная среда', en: 'Accessibility' },
    icon: 'square',
    color: '#0e7490',
  },
  {
    slug: 'riverside-water',
    name: { lv: 'Krastmalas un ūdeņi', ru: 'Набережные и водоёмы', en: 'Riverside and water' },
    icon: 'drop',
    color: '#0369a1',
  },
  {
    slug: 'heritage',
    name: { lv: 'Kultūras mantojums', ru: 'Культурное наследие', en: 'Heritage' },
    icon: 'pentagon',
    color: '#92400e',
  },
  {
    slug: 'light-safety',
    name: { lv: 'Apgaismojums un drošība', ru: 'Освещение и безопасность', en: 'Lighting and safety' },
    icon: 'hexagon',
    color: '#a16207',
  },
  {
    slug: 'other',
    name: { lv: 'Cits', ru: 'Другое', en: 'Other' },
    icon: 'cross',
    color: '#4b5563',
  },
];

export const demoPlaces: DemoPlace[] = [
  {
    slug: 'centrs',
    kind: 'neighbourhood',
    name: { lv: 'Centrs', ru: 'Центр', en: 'City Centre' },
    latitude: 55.8714,
    longitude: 26.5161,
  },
  {
    slug: 'jaunbuve',
    kind: 'neighbourhood',
    name: { lv: 'Jaunbūve', ru: 'Новое Строение', en: 'Jaunbūve' },
    latitude: 55.8825,
    longitude: 26.5494,
  },
  {
    slug: 'jauna-forstate',
    kind: 'neighbourhood',
    name: { lv: 'Jaunā Forštate', ru: 'Новый Форштадт', en: 'Jaunā Forštate (New Forštate)' },
    latitude: 55.9022,
    longitude: 26.5314,
  },
  {
    slug: 'veca-forstate',
    kind: 'neighbourhood',
    name: { lv: 'Vecā Forštate', ru: 'Старый Форштадт', en: 'Vecā Forštate (Old Forštate)' },
    latitude: 55.8955,
    longitude: 26.5235,
  },
  {
    slug: 'gajoks',
    kind: 'neighbourhood',
    name: { lv: 'Gajoks', ru: 'Гаёк', en: 'Gajoks' },
    latitude: 55.8702,
    longitude: 26.5405,
  },
  {
    slug: 'dzelzcelnieks',
    kind: 'neighbourhood',
    name: { lv: 'Dzelzceļnieks', ru: 'Железнодорожник', en: 'Dzelzceļnieks' },
    latitude: 55.8858,
    longitude: 26.5098,
  },
  {
    slug: 'kimiku-ciemats',
    kind: 'neighbourhood',
    name: { lv: 'Ķīmiķu ciemats', ru: 'Химия', en: 'Ķīmiķu ciemats (Ķīmija)' },
    latitude: 55.8948,
    longitude: 26.5475,
  },
  {
    slug: 'rugeli',
    kind: 'neighbourhood',
    name: { lv: 'Ruģeļi', ru: 'Ругели', en: 'Ruģeļi' },
    latitude: 55.8772,
    longitude: 26.6012,
  },
  {
    slug: 'griva',
    kind: 'neighbourhood',
    name: { lv: 'Grīva', ru: 'Грива', en: 'Grīva' },
    latitude: 55.8568,
    longitude: 26.5118,
  },
  {
    slug: 'krizi',
    kind: 'neighbourhood',
    name: { lv: 'Križi', ru: 'Крыжи', en: 'Križi' },
    latitude: 55.9268,
    longitude: 26.5836,
  },
  {
    slug: 'esplanade',
    kind: 'neighbourhood',
    name: { lv: 'Esplanāde', ru: 'Эспланада', en: 'Esplanade' },
    latitude: 55.8806,
    longitude: 26.5032,
  },
  {
    slug: 'cietoksnis',
    kind: 'neighbourhood',
    name: { lv: 'Cietoksnis', ru: 'Крепость', en: 'Fortress district' },
    latitude: 55.8897,
    longitude: 26.4893,
  },
  {
    slug: 'stropi',
    kind: 'neighbourhood',
    name: { lv: 'Stropi', ru: 'Стропы', en: 'Stropi' },
    latitude: 55.8878,
    longitude: 26.5805,
  },
  {
    slug: 'mezciems',
    kind: 'neighbourhood',
    name: { lv: 'Mežciems', ru: 'Погулянка', en: 'Mežciems (Pogulyanka)' },
    latitude: 55.9147,
    longitude: 26.4586,
  },
  {
    slug: 'niderkuni',
    kind: 'neighbourhood',
    name: { lv: 'Nīderkūni', ru: 'Нидеркуны', en: 'Nīderkūni' },
    latitude: 55.8536,
    longitude: 26.4889,
  },
  {
    slug: 'judovka',
    kind: 'neighbourhood',
    name: { lv: 'Judovka', ru: 'Юдовка', en: 'Judovka' },
    latitude: 55.8638,
    longitude: 26.5452,
  },
  {
    slug: 'fortress-rothko',
    kind: 'landmark',
    name: {
      lv: 'Daugavpils cietoksnis un Marka Rotko mākslas centrs',
      ru: 'Даугавпилсская крепость и Арт-центр Марка Ротко',
      en: 'Daugavpils Fortress and Mark Rothko Art Centre',
    },
    latitude: 55.8879,
    longitude: 26.4934,
  },
  {
    slug: 'unity-house',
    kind: 'landmark',
    name: { lv: 'Vienības nams', ru: 'Дом Единства', en: 'Unity House' },
    latitude: 55.8726,
    longitude: 26.5179,
  },
  {
    slug: 'dubrovin-park',
    kind: 'landmark',
    name: { lv: 'Dubrovina parks', ru: 'Дубровинский парк', en: 'Dubrovin Park' },
    latitude: 55.8712,
    longitude: 26.5139,
  },
  {
    slug: 'church-hill',
    kind: 'landmark',
    name: { lv: 'Baznīcu kalns', ru: 'Церковная горка', en: 'Church Hill' },
    latitude: 55.8791,
    longitude: 26.5328,
  },
  {
    slug: 'stropi-beach',
    kind: 'landmark',
    name: { lv: 'Lielā Stropu ezera pludmale', ru: 'Пляж на Стропах', en: 'Lake Stropi beach' },
    latitude: 55.8922,
    longitude: 26.5703,
  },
  {
    slug: 'lake-sunezers',
    kind: 'landmark',
    name: { lv: 'Šūņezers', ru: 'Озеро Шуню', en: 'Lake Šūņezers' },
    latitude: 55.8998,
    longitude: 26.5152,
  },
  {
    slug: 'daugava-riverside',
    kind: 'landmark',
    name: { lv: 'Daugavas krastmala', ru: 'Набережная Даугавы', en: 'Daugava riverside' },
    latitude: 55.8683,
    longitude: 26.5148,
  },
  {
    slug: 'railway-station',
    kind: 'landmark',
    name: { lv: 'Daugavpils dzelzceļa stacija', ru: 'Железнодорожный вокзал', en: 'Railway station' },
    latitude: 55.8747,
    longitude: 26.5278,
  },
  {
    slug: 'daugavpils-university',
    kind: 'landmark',
    name: { lv: 'Daugavpils Universitāte', ru: 'Даугавпилсский университет', en: 'Daugavpils University' },
    latitude: 55.8734,
    longitude: 26.5114,
  },
  {
    slug: 'olympic-centre',
    kind: 'landmark',
    name: {
      lv: 'Daugavpils Olimpiskais centrs un ledus halle',
      ru: 'Олимпийский центр и Ледовый дворец',
      en: 'Olympic Centre and Ice Hall',
    },
    latitude: 55.8768,
    longitude: 26.5213,
  },
];

export const demoConsultation: DemoConsultation = {
  slug: 'greener-friendlier-daugavpils-2027',
  title: {
    lv: 'Kopā par zaļāku un draudzīgāku Daugavpili 2027',
    ru: 'Вместе за более зелёный и дружелюбный Даугавпилс 2027',
    en: 'Together for a greener, friendlier Daugavpils 2027',
  },
  description: {
    lv: 'Aicinām dalīties ar idejām par Daugavpils publiskajām telpām, kas ir skaistas, ilgtspējīgas un veidotas kopā, Jaunā Eiropas Bauhaus garā. Priekšlikums var būt mazs vai liels – sols, pagalms vai taka gar upi. Visvairāk atbalstītās idejas pilsēta izvērtēs kopā ar RETHINK tīkla partneriem.',
    ru: 'Предлагайте идеи для общественных пространств Даугавпилса — красивых, устойчивых и созданных вместе, в духе Нового европейского Баухауса. Предложение может быть маленьким или большим: скамейка, двор или дорожка вдоль реки. Идеи, получившие больше всего поддержки, город рассмотрит вместе с партнёрами сети RETHINK.',
    en: 'Share your ideas for public spaces in Daugavpils that are beautiful, sustainable and made together, in the spirit of the New European Bauhaus. A proposal can be small or large: a bench, a courtyard or a path along the river. The city will review the most supported ideas together with partners in the RETHINK network.',
  },
  phase: 'collecting',
  moderationMode: 'post',
  supportBudget: 10,
};

export const demoIdeas: DemoIdea[] = [
  {
    title: 'Скамейки и тень на набережной Даугавы',
    description:
      'На набережной почти негде присесть в тени, а летом пожилым людям там тяжело гулять. Предлагаю поставить деревянные скамейки со спинками, посадить липы и сделать несколько лёгких навесов. Тогда набережная станет местом встреч, а не только дорогой из центра.',
    originalLocale: 'ru',
    category: 'riverside-water',
    nebValues: ['beautiful', 'together'],
    nebSentences: {
      beautiful: 'Дерево и зелень сделают набережную уютнее.',
      together: 'Здесь смогут отдыхать и общаться соседи всех возрастов.',
    },
    place: 'daugava-riverside',
    offset: [0.0006, -0.0012],
    status: 'new',
  },
  {
    title: 'Drošs veloceliņš pāri Vienības tiltam uz Grīvu',
    description:
      'Braukt ar velosipēdu pāri Vienības tiltam ir bīstami, jo ietve ir šaura un gājēji un riteņbraucēji traucē viens otram. Ierosinu izveidot atdalītu veloceliņu un skaidras norādes abos tilta galos. Tā grīvieši varētu droši braukt uz darbu un skolu centrā.',
    originalLocale: 'lv',
    category: 'walking-cycling',
    nebValues: ['sustainable', 'together'],
    nebSentences: {
      sustainable: 'Vairāk braucienu ar velosipēdu nozīmē tīrāku gaisu.',
    },
    place: 'griva',
    offset: [0.0028, 0.0015],
    status: 'new',
  },
  {
    title: 'Молодёжный уголок на Химии',
    description:
      'Подросткам на Химии вечером некуда пойти, кроме подъездов и магазина. Предлагаю сделать во дворе навес с лавками, розетками для зарядки телефонов и столом для настольного тенниса. Оформить уголок могли бы сами подростки вместе с местными художниками.',
    originalLocale: 'ru',
    category: 'play-youth',
    nebValues: ['together'],
    nebSentences: {
      together: 'Подростки сами придумают и раскрасят своё место.',
    },
    place: 'kimiku-ciemats',
    offset: [-0.0011, 0.0019],
    status: 'under_review',
  },
  {
    title: 'Open-air cinema nights in the fortress',
    description:
      'The fortress squares are quiet on summer evenings. A simple screen and movable wooden seating could host free film nights with Latvian, Russian and English subtitles. Local film clubs and students could choose the programme together.',
    originalLocale: 'en',
    category: 'culture-art',
    nebValues: ['together', 'beautiful'],
    nebSentences: {
      together: 'Films with subtitles bring every language community to the same square.',
    },
    place: 'cietoksnis',
    offset: [-0.0008, 0.0021],
    status: 'new',
  },
  {
    title: 'Kopienas augļu dārzs Ruģeļos',
    description:
      'Ruģeļos starp piecstāvu un deviņstāvu mājām ir liels, tukšs zālājs. Tur varētu iestādīt ābeles, plūmes un ogu krūmus, ko kopīgi kopj apkaimes iedzīvotāji. Rudenī ražu varētu novākt kopā ar skolēniem un sarīkot ražas svētkus.',
    originalLocale: 'lv',
    category: 'green-space',
    nebValues: ['sustainable', 'together'],
    nebSentences: {
      together: 'Kopīga ražas novākšana satuvina kaimiņus.',
    },
    place: 'rugeli',
    offset: [0.0012, -0.0024],
    status: 'new',
  },
  {
    title: 'Безопасная велодорожка от центра до Крепости',
    description:
      'Ехать на велосипеде в Крепость страшно: машины едут быстро, а обочина узкая. Нужна отдельная велодорожка через Эспланаду с понятной разметкой и освещением. Тогда школьники, студенты и туристы смогут добираться до Арт-центра Ротко без машины.',
    originalLocale: 'ru',
    category: 'walking-cycling',
    nebValues: ['sustainable', 'together'],
    nebSentences: {
      sustainable: 'Меньше поездок на машине — чище воздух в городе.',
    },
    place: 'esplanade',
    offset: [0.0015, -0.0018],
    status: 'new',
  },
  {
    title: 'Pazeminātas apmales un taktilās plāksnes Centrā',
    description:
      'Daudzos Centra krustojumos apmales ir augstas, un cilvēkiem ratiņkrēslā, ar bērnu ratiem vai ar redzes traucējumiem ir grūti šķērsot ielu. Ierosinu pazemināt apmales un ieklāt taktilās plāksnes vismaz galvenajās gājēju pārejās. Sākt varētu ar krustojumiem ap Rīgas ielu.',
    originalLocale: 'lv',
    category: 'accessibility',
    nebValues: ['together'],
    nebSentences: {
      together: 'Pilsēta ir kopīga, tāpēc tai jābūt ērtai ikvienam.',
    },
    place: 'centrs',
    offset: [0.0009, 0.0007],
    status: 'accepted',
  },
  {
    title: 'Пандус и поручни у входа в Дом Единства',
    description:
      'Человеку на коляске или родителям с детской коляской трудно попасть в Дом Единства. Предлагаю сделать пологий пандус с поручнями и отметить края ступеней контрастной полосой. Это важно и для пожилых людей, которые ходят в библиотеку и на концерты.',
    originalLocale: 'ru',
    category: 'accessibility',
    nebValues: ['together'],
    nebSentences: {
      together: 'Культура должна быть доступна каждому жителю города.',
    },
    place: 'unity-house',
    offset: [0.0002, -0.0003],
    status: 'in_progress',
  },
  {
    title: 'Dabisks rotaļu laukums Jaunajā Forštatē',
    description:
      'Vecais metāla rotaļu laukums pie skolas ir nolietojies, un vasarā tas sakarst. Ierosinu to aizstāt ar koka konstrukcijām, smilšu un ūdens rotaļu zonu un kokiem ēnai. Laukumu varētu projektēt kopā ar bērniem un vecākiem.',
    originalLocale: 'lv',
    category: 'play-youth',
    nebValues: ['beautiful', 'sustainable'],
    nebSentences: {
      beautiful: 'Koks un smiltis padara laukumu mājīgu un dabisku.',
    },
    place: 'jauna-forstate',
    offset: [-0.0014, 0.0009],
    status: 'under_review',
  },
  {
    title: 'Step-free path to the water at Lake Stropi',
    description:
      'Wheelchair users and older people cannot easily get from the car park to the water at Lake Stropi, because the path ends in loose sand. A firm wooden boardwalk down to the shore and one accessible changing cabin would open the beach to everyone. It could be built from local timber.',
    originalLocale: 'en',
    category: 'accessibility',
    nebValues: ['together', 'sustainable'],
    nebSentences: {
      together: 'A beach for everyone, whatever their mobility.',
    },
    place: 'stropi',
    offset: [0.0031, -0.0006],
    status: 'new',
  },
  {
    title: 'Свет в тёмном переходе под железной дорогой',
    description:
      'Пешеходный переход под путями возле вокзала вечером совсем тёмный, и многие боятся там ходить. Предлагаю поставить энергосберегающие светильники с датчиками движения и расписать стены вместе с местными художниками. Светлый и красивый переход будет безопаснее для всех.',
    originalLocale: 'ru',
    category: 'light-safety',
    nebValues: ['beautiful', 'sustainable'],
    nebSentences: {
      beautiful: 'Роспись превратит переход в маленькую галерею.',
      sustainable: 'Светодиоды с датчиками движения экономят электроэнергию.',
    },
    place: 'railway-station',
    offset: [0.0011, 0.0008],
    status: 'new',
  },
  {
    title: 'Velonovietnes ar jumtiņu pie Stropu pludmales',
    description:
      'Vasarā pie Stropu pludmales velosipēdus nav kur atstāt, tāpēc tos piesien pie kokiem un soliem. Ierosinu uzstādīt vairākas velonovietnes ar jumtiņu pie ieejas pludmalē. Tas mudinātu vairāk cilvēku braukt uz ezeru ar velosipēdu.',
    originalLocale: 'lv',
    category: 'walking-cycling',
    nebValues: ['sustainable'],
    nebSentences: {
      sustainable: 'Ar velosipēdu uz pludmali – bez sastrēgumiem un stāvvietu meklēšanas.',
    },
    place: 'stropi-beach',
    offset: [-0.0007, -0.0005],
    status: 'implemented',
  },
  {
    title: 'Огород во дворе пятиэтажек в Новом Строении',
    description:
      'Наш двор между пятиэтажками большой, но там только вытоптанная трава и машины. Жители готовы сами ухаживать за грядками, если город поможет с высокими деревянными ящиками, компостером и бочкой для дождевой воды. Общий огород объединит соседей разных поколений.',
    originalLocale: 'ru',
    category: 'green-space',
    nebValues: ['sustainable', 'together'],
    nebSentences: {
      sustainable: 'Дождевая вода и компост вместо водопровода и удобрений.',
      together: 'Бабушки и дети будут работать на грядках вместе.',
    },
    place: 'jaunbuve',
    offset: [0.0018, -0.0022],
    status: 'new',
  },
  {
    title: 'Cietokšņa vēstures taka ar audiogidu trīs valodās',
    description:
      'Cietoksnī ir daudz interesantu vietu, bet tūristi bieži redz tikai Rotko centru. Ierosinu izveidot marķētu vēstures taku ar nelielām zīmēm un bezmaksas audiogidu latviešu, krievu un angļu valodā. Stāstus varētu ierunāt paši cietokšņa iedzīvotāji.',
    originalLocale: 'lv',
    category: 'heritage',
    nebValues: ['together'],
    nebSentences: {
      together: 'Vietējo iedzīvotāju balsis padarīs taku dzīvu.',
    },
    place: 'fortress-rothko',
    offset: [0.0013, -0.0016],
    status: 'under_review',
  },
  {
    title: 'Таблички об истории Старого Форштадта на трёх языках',
    description:
      'В Старом Форштадте много старых деревянных домов, но мало кто знает их историю. Предлагаю установить небольшие таблички на латышском, русском и английском языках с QR-кодом и старыми фотографиями. Тексты можно собрать вместе с жителями и школьниками района.',
    originalLocale: 'ru',
    category: 'heritage',
    nebValues: ['beautiful', 'together'],
    nebSentences: {
      together: 'Историю района расскажут сами жители.',
    },
    place: 'veca-forstate',
    offset: [-0.0009, 0.0012],
    status: 'under_review',
  },
  {
    title: 'Repair café and tool library in an empty shop',
    description:
      'Several ground-floor shops in Jaunbūve stand empty. One of them could become a repair café and tool library where neighbours fix bikes, clothes and small appliances together. It would cut waste and give older residents a chance to share their skills.',
    originalLocale: 'en',
    category: 'other',
    nebValues: ['sustainable', 'together'],
    nebSentences: {
      sustainable: 'Repairing instead of throwing away keeps things out of landfill.',
    },
    place: 'jaunbuve',
    offset: [-0.0021, 0.0014],
    status: 'new',
  },
  {
    title: 'Mākslas siena jauniešiem pie Universitātes',
    description:
      'Garāžu siena netālu no Daugavpils Universitātes ir pelēka un apķēpāta ar uzrakstiem. Ierosinu to katru gadu nodot studentu un skolēnu mākslas projektiem un rīkot legālu grafiti festivālu. Tā pilsētā parādītos jaunas krāsas, un jaunieši justos piederīgi.',
    originalLocale: 'lv',
    category: 'culture-art',
    nebValues: ['beautiful', 'together'],
    nebSentences: {
      beautiful: 'Pelēka siena kļūs par mainīgu mākslas galeriju.',
    },
    place: 'daugavpils-university',
    offset: [0.0008, -0.0011],
    status: 'new',
  },
  {
    title: 'Питьевые фонтанчики на улице Ригас',
    description:
      'Летом на пешеходной улице Ригас жарко, а воду можно только купить в пластиковой бутылке. Предлагаю поставить два-три питьевых фонтанчика, где можно также наполнить свою бутылку. Это удобно для туристов, детей и всех, кто гуляет по центру.',
    originalLocale: 'ru',
    category: 'other',
    nebValues: ['sustainable'],
    nebSentences: {
      sustainable: 'Меньше пластиковых бутылок в урнах.',
    },
    place: 'centrs',
    offset: [0.0016, 0.0004],
    status: 'new',
  },
  {
    title: 'Āra trenažieri un skrejceļš pie Olimpiskā centra',
    description:
      'Pie Olimpiskā centra varētu ierīkot bezmaksas āra trenažierus un apgaismotu skrejceļu ar mīkstu segumu. Tur sportot varētu gan jaunieši, gan seniori, nevis tikai sportisti ar abonementu. Blakus vajadzīgi soli un velonovietnes.',
    originalLocale: 'lv',
    category: 'play-youth',
    nebValues: ['together'],
    nebSentences: {},
    place: 'olympic-centre',
    offset: [-0.0006, -0.0013],
    status: 'new',
  },
  {
    title: 'Скейт-площадка для подростков в Гаёке',
    description:
      'Скейтбордистам и самокатчикам в Гаёке приходится кататься на парковках и у магазинов. Предлагаю сделать на пустом асфальтированном участке небольшую площадку с рампами, а рядом поставить скамейки для родителей. Проект стоит обсудить с ребятами, которые сами катаются.',
    originalLocale: 'ru',
    category: 'play-youth',
    nebValues: ['together'],
    nebSentences: {},
    place: 'gajoks',
    offset: [0.0007, 0.0025],
    status: 'new',
  },
  {
    title: 'Silts apgaismojums Baznīcu kalnā',
    description:
      'Vakarā Baznīcu kalna ielas ir tumšas, lai gan tā ir viena no skaistākajām vietām pilsētā. Ierosinu gar ietvēm ierīkot mērenu, siltu apgaismojumu un izgaismot baznīcu fasādes tā, lai gaisma netraucētu kaimiņiem. Tas uzlabotu drošību un aicinātu uz vakara pastaigām.',
    originalLocale: 'lv',
    category: 'light-safety',
    nebValues: ['beautiful'],
    nebSentences: {
      beautiful: 'Silta gaisma izceļ četru baznīcu siluetu.',
    },
    place: 'church-hill',
    offset: [-0.0004, 0.0006],
    status: 'new',
  },
  {
    title: 'A Rothko-inspired mural for the city centre',
    description:
      'Mark Rothko was born in Daugavpils, yet the city centre barely shows it. A large colour-field mural inspired by his paintings on one of the blank walls near Rīgas iela would welcome visitors arriving by train. Local art students could paint it together with a professional artist.',
    originalLocale: 'en',
    category: 'culture-art',
    nebValues: ['beautiful'],
    nebSentences: {
      beautiful: 'Bold fields of colour would brighten a grey corner of the centre.',
    },
    place: 'centrs',
    offset: [0.0024, 0.0031],
    status: 'new',
  },
  {
    title: 'Мостки и скамейки на берегу озера Шуню',
    description:
      'Берег озера Шуню у жилых домов зарос, и подойти к воде почти невозможно. Предлагаю сделать деревянные мостки, поставить пару скамеек и урны для раздельного сбора мусора. Камыши вдоль берега лучше сохранить, чтобы не мешать птицам.',
    originalLocale: 'ru',
    category: 'riverside-water',
    nebValues: ['beautiful', 'sustainable'],
    nebSentences: {
      sustainable: 'Камыши останутся домом для птиц.',
    },
    place: 'lake-sunezers',
    offset: [-0.0017, -0.0021],
    status: 'new',
  },
  {
    title: 'Lietus dārzi Križu pagalmos',
    description:
      'Pēc stiprām lietusgāzēm Križu pagalmos starp piecstāvu mājām stāv lielas peļķes. Ierosinu ierīkot lietus dārzus ar augiem, kas uzsūc ūdeni, un aizstāt daļu asfalta ar zālienu. Tie izskatītos skaisti un mazinātu applūšanu.',
    originalLocale: 'lv',
    category: 'green-space',
    nebValues: ['sustainable', 'beautiful'],
    nebSentences: {
      sustainable: 'Lietus ūdens paliek dabā, nevis kanalizācijā.',
    },
    place: 'krizi',
    offset: [-0.0012, -0.0008],
    status: 'new',
  },
  {
    title: 'Освещённая лесная тропа в Погулянке',
    description:
      'Жители Погулянки ходят к автобусной остановке по лесной тропе, а зимой там темно уже в пять вечера. Предлагаю осветить главную тропу невысокими фонарями на солнечных батареях. Свет должен быть тёплым и направленным вниз, чтобы не мешать птицам и животным.',
    originalLocale: 'ru',
    category: 'light-safety',
    nebValues: ['sustainable'],
    nebSentences: {
      sustainable: 'Фонарям на солнечных батареях не нужен кабель через лес.',
    },
    place: 'mezciems',
    offset: [-0.0019, 0.0027],
    status: 'rejected',
  },
  {
    title: 'Lit, sheltered bus stops in Dzelzceļnieks',
    description:
      'The bus stops in Dzelzceļnieks have no shelter and very little light, so shift workers wait in the dark and the rain. Solar-powered lights and a simple wooden shelter with a bench would make waiting safer. A timetable board in several languages would help too.',
    originalLocale: 'en',
    category: 'light-safety',
    nebValues: ['sustainable'],
    nebSentences: {
      sustainable: 'Solar lights need no new cables.',
    },
    place: 'dzelzcelnieks',
    offset: [0.0005, 0.0017],
    status: 'new',
  },
  {
    title: 'Laipa un atpūtas vieta Daugavas krastā Judovkā',
    description:
      'Judovkā Daugavas krasts ir skaists, bet aizaudzis un grūti pieejams. Ierosinu izveidot nelielu koka laipu, ugunskura vietu un dažus solus, ko varētu izmantot makšķernieki un ģimenes. Vietu tīru uzturēt palīdzētu apkaimes talkas.',
    originalLocale: 'lv',
    category: 'riverside-water',
    nebValues: ['beautiful', 'together'],
    nebSentences: {
      together: 'Pavasara talkas kļūtu par apkaimes tradīciju.',
    },
    place: 'judovka',
    offset: [0.0021, -0.0009],
    status: 'new',
  },
  {
    title: 'Луг для пчёл и бабочек в Дубровинском парке',
    description:
      'Часть газона в Дубровинском парке можно косить реже и засеять местными полевыми цветами. Такой луг красив с весны до осени и кормит пчёл и бабочек. Рядом стоит поставить табличку, которая объяснит, почему траву здесь не стригут.',
    originalLocale: 'ru',
    category: 'green-space',
    nebValues: ['beautiful', 'sustainable'],
    nebSentences: {
      beautiful: 'Цветущий луг меняет цвета каждый месяц.',
      sustainable: 'Реже косить — меньше шума и топлива.',
    },
    place: 'dubrovin-park',
    offset: [-0.0003, 0.0005],
    status: 'accepted',
  },
  {
    title: 'Kopīga nojume ar galdiem Nīderkūnos',
    description:
      'Nīderkūnos ir šauras ielas un nav nevienas vietas, kur kaimiņi varētu satikties ārpus mājas. Ierosinu uzstādīt koka galdus ar nojumi, ko var izmantot svētkos un kaimiņu vakaros. Vietu varētu pārvaldīt apkaimes biedrība.',
    originalLocale: 'lv',
    category: 'other',
    nebValues: ['together'],
    nebSentences: {
      together: 'Kopīgs galds ir labākā vieta, kur iepazīties ar kaimiņiem.',
    },
    place: 'niderkuni',
    offset: [0.001, 0.0013],
    status: 'new',
  },
  {
    title: 'Heritage plaques and a walking route on Church Hill',
    description:
      'Church Hill has four churches of different faiths within a few hundred metres, but visitors get little explanation. Small plaques in Latvian, Russian and English and a short marked walking route could tell how these communities have lived side by side. Each congregation could write its own text.',
    originalLocale: 'en',
    category: 'heritage',
    nebValues: ['together', 'beautiful'],
    nebSentences: {
      together: 'The route shows how different communities share one hill.',
    },
    place: 'church-hill',
    offset: [0.0014, -0.0012],
    status: 'new',
  },
];

export const demoStaffAccount = {
  email: 'staff@kopa.local',
  password: 'kopa-demo-staff',
  displayName: 'Daugavpils demo staff',
} as const;

export const demoResidentAccount = {
  email: 'resident@kopa.local',
  password: 'kopa-demo-resident',
  displayName: 'Demo iedzīvotājs',
} as const;
