//! The small word lists that entity discovery ships with.
//!
//! Each list is generic (no names of any one event) and short enough to read
//! in full. They are cues, not a gazetteer: a name that is in no list is still
//! found from its capitalisation and the corpus' own repetitions; the lists
//! only help to decide its type, and to tell a capitalised sentence-initial
//! name ("Kazakhstan signed") from a capitalised sentence-initial word
//! ("Officials signed").
//!
//! - [`COUNTRIES`]: the sovereign states (UN members and observers, plus a
//!   few much-used short forms and territories), lower-cased;
//! - [`DEMONYMS`]: the adjectives and nouns of nationality and region
//!   ("Russian", "Kazakh", "European"), lower-cased: not entities by
//!   themselves, but context for the names next to them;
//! - [`CITIES`]: capitals and the largest cities of the world, lower-cased;
//! - [`REGIONS`]: continents and large regions, and the states and
//!   provinces of the United States, Canada and Australia;
//! - [`FIRST_NAMES`]: common given names across languages, for typing a
//!   two-word name as a person;
//! - [`TITLES`]: titles and roles that precede a person's name;
//! - [`ORG_HEADS`] and [`PLACE_HEADS`]: the last words of organisation
//!   names ("Ministry", "Party", "University", "News") and of place names
//!   ("Republic", "River", "Island");
//! - [`PLACE_ACRONYMS`]: acronyms that name places (US, UK, UAE), since
//!   acronyms are otherwise read as organisations;
//! - [`NOT_NAMES`]: capitalised words that are never names of persons,
//!   organisations or places (months, days, pronoun "I", interjections,
//!   caption labels such as "Image:");
//! - [`EVENT_HEADS`]: last words of names of events, laws and prizes
//!   ("Cup", "Act", "Festival"), which are left out.

/// Countries, lower-cased (short and long forms).
pub const COUNTRIES: &[&str] = &[
    "afghanistan", "albania", "algeria", "andorra", "angola", "argentina", "armenia", "australia", "austria", "azerbaijan",
    "bahamas", "bahrain", "bangladesh", "barbados", "belarus", "belgium", "belize", "benin", "bhutan", "bolivia", "bosnia",
    "herzegovina", "botswana", "brazil", "brunei", "bulgaria", "burkina faso", "burundi", "cambodia", "cameroon", "canada",
    "cape verde", "chad", "chile", "china", "colombia", "comoros", "congo", "costa rica", "croatia", "cuba", "cyprus",
    "czech republic", "czechia", "denmark", "djibouti", "dominica", "dominican republic", "ecuador", "egypt", "el salvador",
    "eritrea", "estonia", "eswatini", "ethiopia", "fiji", "finland", "france", "gabon", "gambia", "georgia", "germany", "ghana",
    "greece", "grenada", "guatemala", "guinea", "guyana", "haiti", "honduras", "hungary", "iceland", "india", "indonesia", "iran",
    "iraq", "ireland", "israel", "italy", "ivory coast", "jamaica", "japan", "jordan", "kazakhstan", "kenya", "kiribati", "kosovo",
    "kuwait", "kyrgyzstan", "laos", "latvia", "lebanon", "lesotho", "liberia", "libya", "liechtenstein", "lithuania",
    "luxembourg", "madagascar", "malawi", "malaysia", "maldives", "mali", "malta", "mauritania", "mauritius", "mexico",
    "micronesia", "moldova", "monaco", "mongolia", "montenegro", "morocco", "mozambique", "myanmar", "burma", "namibia", "nauru",
    "nepal", "netherlands", "holland", "new zealand", "nicaragua", "niger", "nigeria", "north korea", "north macedonia",
    "macedonia", "norway", "oman", "pakistan", "palau", "palestine", "panama", "papua new guinea", "paraguay", "peru",
    "philippines", "poland", "portugal", "qatar", "romania", "russia", "russian federation", "rwanda", "samoa", "san marino",
    "saudi arabia", "senegal", "serbia", "seychelles", "sierra leone", "singapore", "slovakia", "slovenia", "somalia",
    "south africa", "south korea", "korea", "south sudan", "spain", "sri lanka", "sudan", "suriname", "sweden", "switzerland",
    "syria", "taiwan", "tajikistan", "tanzania", "thailand", "timor-leste", "togo", "tonga", "trinidad", "tobago", "tunisia",
    "turkey", "türkiye", "turkiye", "turkmenistan", "tuvalu", "uganda", "ukraine", "united arab emirates", "united kingdom",
    "britain", "great britain", "england", "scotland", "wales", "northern ireland", "united states", "america",
    "united states of america", "uruguay", "uzbekistan", "vanuatu", "vatican", "venezuela", "vietnam", "yemen", "zambia",
    "zimbabwe", "greenland", "hong kong", "puerto rico", "crimea", "tibet", "chechnya", "kurdistan", "soviet union", "ussr",
];

/// Demonyms and regional adjectives, lower-cased. Not entities; they cue
/// the type of the name beside them and are left out of a name's span
/// unless an organisation head follows ("Russian Academy of Sciences").
pub const DEMONYMS: &[&str] = &[
    "afghan", "afghans", "african", "albanian", "algerian", "american", "americans", "arab", "arabs", "arabian", "argentine",
    "argentinian", "armenian", "armenians", "asian", "australian", "austrian", "azerbaijani", "azeri", "belarusian", "belgian",
    "brazilian", "british", "briton", "britons", "bulgarian", "canadian", "chinese", "colombian", "croatian", "cuban", "czech",
    "danish", "dutch", "egyptian", "english", "estonian", "ethiopian", "european", "europeans", "filipino", "finnish", "french",
    "georgian", "german", "germans", "greek", "hungarian", "indian", "indonesian", "iranian", "iraqi", "irish", "israeli",
    "israelis", "italian", "japanese", "jordanian", "kazakh", "kazakhs", "kazakhstani", "kenyan", "korean", "kurdish", "kuwaiti",
    "kyrgyz", "latin", "latvian", "lebanese", "libyan", "lithuanian", "malaysian", "mexican", "moldovan", "mongolian", "moroccan",
    "nigerian", "norwegian", "pakistani", "palestinian", "palestinians", "persian", "peruvian", "polish", "portuguese", "romanian",
    "russian", "russians", "saudi", "scottish", "serbian", "slovak", "somali", "soviet", "spanish", "sudanese", "swedish", "swiss",
    "syrian", "tajik", "taiwanese", "thai", "tibetan", "turkish", "turkmen", "turks", "ukrainian", "ukrainians", "uzbek", "uzbeks",
    "venezuelan", "vietnamese", "welsh", "western", "eastern", "northern", "southern", "westerners", "caucasian", "eurasian",
    "baltic", "nordic", "slavic", "muslim", "muslims", "christian", "christians", "jewish", "jews", "catholic", "orthodox",
    "islamic", "sunni", "shia", "hindu", "buddhist", "democrat", "democrats", "democratic", "republican", "republicans",
    "communist",
];

/// Capitals and large cities, lower-cased.
pub const CITIES: &[&str] = &[
    "abu dhabi", "abuja", "accra", "addis ababa", "algiers", "almaty", "amman", "amsterdam", "ankara", "astana", "athens",
    "atlanta", "baghdad", "baku", "bangkok", "barcelona", "beijing", "beirut", "belgrade", "berlin", "bern", "bishkek",
    "bogota", "boston", "brasilia", "bratislava", "brussels", "bucharest", "budapest", "buenos aires", "cairo", "canberra",
    "cape town", "caracas", "chicago", "copenhagen", "damascus", "delhi", "new delhi", "dhaka", "doha", "dubai", "dublin",
    "dushanbe", "edinburgh", "frankfurt", "geneva", "hanoi", "havana", "helsinki", "houston", "islamabad", "istanbul",
    "jakarta", "jerusalem", "johannesburg", "kabul", "karachi", "kathmandu", "khartoum", "kiev", "kyiv", "kinshasa",
    "kuala lumpur", "lagos", "lahore", "la paz", "lima", "lisbon", "ljubljana", "london", "los angeles", "madrid", "manila",
    "melbourne", "mexico city", "miami", "milan", "minsk", "montreal", "moscow", "mumbai", "munich", "nairobi", "naples",
    "new york", "nicosia", "oslo", "ottawa", "paris", "philadelphia", "prague", "pyongyang", "quito", "rabat", "riga",
    "rio de janeiro", "riyadh", "rome", "san francisco", "santiago", "sao paulo", "seattle", "seoul", "shanghai", "singapore",
    "sofia", "st petersburg", "st. petersburg", "saint petersburg", "stockholm", "sydney", "taipei", "tallinn", "tashkent",
    "tbilisi", "tehran", "tel aviv", "tokyo", "toronto", "tripoli", "tunis", "ulaanbaatar", "vancouver", "vienna", "vilnius",
    "warsaw", "washington", "wellington", "yerevan", "zagreb", "zurich", "hong kong", "dc", "d.c",
];

/// Continents, oceans and large regions, lower-cased.
pub const REGIONS: &[&str] = &[
    "africa", "antarctica", "arctic", "asia", "central asia", "east asia", "south asia", "southeast asia", "europe", "eurasia",
    "north america", "south america", "latin america", "central america", "middle east", "near east", "far east", "caucasus",
    "balkans", "scandinavia", "siberia", "oceania", "pacific", "atlantic", "mediterranean", "caribbean", "gulf", "sahara",
    "west bank", "gaza", "donbas", "donbass", "kashmir", "west", "east",
    // US states, Canadian provinces, Australian states
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware", "florida", "hawaii",
    "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana", "maine", "maryland", "massachusetts",
    "michigan", "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada", "new hampshire", "new jersey",
    "new mexico", "north carolina", "north dakota", "ohio", "oklahoma", "oregon", "pennsylvania", "rhode island",
    "south carolina", "south dakota", "tennessee", "texas", "utah", "vermont", "virginia", "west virginia", "wisconsin",
    "wyoming", "ontario", "quebec", "british columbia", "alberta", "manitoba", "saskatchewan", "nova scotia",
    "new south wales", "queensland", "victoria", "tasmania", "western australia", "south australia",
];

/// Common given names (lower-cased), across English, European, Slavic,
/// Central Asian, Arabic and East Asian usage. A two-word capitalised name
/// that starts with one of them is typed as a person.
pub const FIRST_NAMES: &[&str] = &[
    "aaron", "adam", "ahmed", "alan", "albert", "alex", "alexander", "alexandra", "alexei", "alexey", "ali", "alice", "alicia",
    "amanda", "amir", "amy", "andrea", "andrew", "andrei", "andrey", "angela", "ann", "anna", "anne", "anthony", "anton",
    "antonio", "arthur", "barack", "barbara", "ben", "benjamin", "bernard", "bill", "bob", "boris", "brian", "bruce", "carl",
    "carlos", "catherine", "charles", "chris", "christian", "christine", "christopher", "claire", "daniel", "david", "dennis",
    "dmitry", "dmitri", "donald", "ed", "edward", "elena", "elizabeth", "emily", "emma", "emmanuel", "eric", "erik", "frank",
    "fred", "gary", "george", "gordon", "hans", "harry", "hassan", "helen", "henry", "hillary", "hugo", "hussein", "ian", "igor",
    "irina", "ivan", "jack", "jacob", "james", "jane", "jason", "jean", "jeff", "jennifer", "jessica", "jim", "joe", "john",
    "jonathan", "jose", "joseph", "juan", "julia", "karen", "kate", "kevin", "kim", "larry", "laura", "lee", "linda", "lisa",
    "louis", "luis", "maria", "marie", "mark", "martin", "mary", "matthew", "michael", "mike", "mohammed", "muhammad",
    "nancy", "natalia", "nicholas", "nick", "nikolai", "olga", "oleg", "omar", "patrick", "paul", "peter", "philip", "pierre",
    "rachel", "richard", "robert", "roger", "ronald", "sam", "samuel", "sarah", "sergei", "sergey", "stephen", "steve", "steven",
    "susan", "thomas", "tim", "timothy", "tom", "tony", "victor", "viktor", "vladimir", "walter", "william", "xi", "yuri",
    "zhang", "wang", "li", "ilham", "recep", "narendra",
    "olaf", "emmanuel", "joe", "kamala", "keir", "rishi", "ursula", "volodymyr", "antony", "jens", "mark", "sergei", "maria",
];

/// Titles and roles that precede a person's name (lower-cased; a full stop
/// after an abbreviation is not part of the word).
pub const TITLES: &[&str] = &[
    "president", "vice-president", "prime", "minister", "premier", "chancellor", "secretary", "mr", "mrs", "ms", "miss", "dr",
    "prof", "professor", "sir", "dame", "lord", "lady", "king", "queen", "prince", "princess", "emperor", "pope", "cardinal",
    "archbishop", "bishop", "rev", "reverend", "father", "sheikh", "emir", "sultan", "senator", "sen", "representative", "rep",
    "congressman", "congresswoman", "governor", "gov", "mayor", "ambassador", "general", "gen", "colonel", "col", "major",
    "captain", "capt", "lieutenant", "lt", "sergeant", "sgt", "admiral", "commander", "marshal", "judge", "justice",
    "chairman", "chairwoman", "chair", "director", "spokesman", "spokeswoman", "spokesperson", "deputy", "foreign", "defence",
    "defense", "chief", "head", "leader", "coach", "officer", "agent", "detective", "inspector", "st", "saint", "ceo", "founder",
    "economist", "analyst", "expert", "journalist", "correspondent", "editor", "author", "observer", "patriarch", "excellency",
    "highness", "majesty",
];

/// Words whose presence at the end of a name makes it an organisation
/// ("Foreign Ministry", "Labour Party", "Moscow Times").
pub const ORG_HEADS: &[&str] = &[
    "ministry", "party", "organization", "organisation", "union", "council", "agency", "committee", "university", "college",
    "school", "academy", "institute", "institution", "news", "times", "post", "press", "journal", "herald", "tribune",
    "gazette", "telegraph", "magazine", "review", "daily", "today", "radio", "tv", "television", "broadcasting", "media",
    "network", "bank", "fund", "corporation", "corp", "company", "co", "inc", "ltd", "llc", "plc", "group", "holding",
    "holdings", "association", "society", "foundation", "federation", "league", "club", "team", "commission", "court",
    "department", "office", "service", "services", "bureau", "board", "authority", "administration", "parliament", "senate",
    "congress", "assembly", "duma", "government", "cabinet", "army", "navy", "forces", "force", "guard", "police", "command",
    "alliance", "coalition", "movement", "front", "church", "centre", "center", "museum", "library", "hospital", "airlines",
    "airways", "railways", "motors", "systems", "technologies", "labs", "laboratory", "observatory", "secretariat",
    "community", "bloc", "partnership", "initiative", "programme", "program", "project", "unit", "division", "brigade",
    "industries", "energy", "oil", "gas", "telecom", "communications", "software", "studios", "records", "pictures",
    "nations", "commonwealth", "municipality", "council", "embassy", "consulate", "parliament",
];

/// Words whose presence at the end of a name makes it a place.
pub const PLACE_HEADS: &[&str] = &[
    "republic", "kingdom", "states", "emirates", "islands", "island", "city", "county", "province", "region", "oblast",
    "district", "territory", "territories", "state", "river", "mountains", "mountain", "mount", "mt", "lake", "sea", "ocean",
    "gulf", "bay", "strait", "canal", "valley", "peninsula", "coast", "desert", "street", "st", "avenue", "road", "square",
    "park", "bridge", "airport", "station", "port", "harbour", "harbor", "village", "town", "capital", "hills", "plain",
    "plateau", "forest", "cape", "heights", "steppe", "krai", "federation",
];

/// Acronyms that name places.
pub const PLACE_ACRONYMS: &[&str] =
    &["US", "U.S", "USA", "U.S.A", "UK", "U.K", "UAE", "USSR", "DC", "D.C", "PRC", "DPRK", "ROK", "RF", "RK", "NYC", "LA"];

/// Capitalised words that are not names of persons, organisations or
/// places, lower-cased: months, days, the pronoun "I", and interjections.
pub const NOT_NAMES: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "i", "i'm", "i've", "i'd", "i'll", "oh", "ok", "okay", "yes", "no", "mr", "mrs",
    "ms", "dr", "god", "internet", "christmas", "easter", "ramadan", "eid", "bc", "ad", "am", "pm", "tv", "ceo", "pdf",
    "covid", "covid-19", "am", "etc", "ie", "eg", "vs",
    // labels of captions and credits ("Image: Reuters")
    "image", "images", "photo", "photos", "picture", "pictures", "video", "videos", "source", "credit", "caption", "update",
    "editor's", "note",
];

/// Words that join the two halves of a multi-word organisation or place name
/// ("Ministry of Foreign Affairs", "Bank for International Settlements",
/// "Rio de Janeiro").
pub const CONNECTORS: &[&str] = &["of", "for", "on", "de", "del", "da", "do", "du", "la", "le", "van", "von", "der", "den", "bin", "al", "&", "and"];

/// Words whose presence at the end of a name makes it an event, a law, a
/// prize or a document rather than a person, organisation or place ("World
/// Cup", "Clean Air Act", "Lantern Festival"); such names are left out.
pub const EVENT_HEADS: &[&str] = &[
    "festival", "championship", "championships", "cup", "olympics", "summit", "expo", "fair", "war", "awards", "award", "prize",
    "act", "bill", "treaty", "agreement", "accord", "accords", "doctrine", "declaration", "protocol", "year", "day", "eve",
    "week", "study", "survey", "report", "index", "crisis", "revolution", "election", "elections", "games", "marathon",
];
