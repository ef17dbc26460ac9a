package corpus

// The word lists below are the generator's whole vocabulary. Names and
// places carry diacritics and letters outside Latin-1 on purpose, so that
// slugs, escaping and UTF-8 handling are exercised at scale.

var topics = []string{
	"World", "Politics", "Business", "Technology", "Science", "Health",
	"Sports", "Culture", "Climate", "Education", "Transport", "Local",
}

var places = []string{
	"Zürich", "Kraków", "Tromsø", "Göteborg", "Cádiz", "Thessaloníki", "Plzeň",
	"Brașov", "Šiauliai", "Ljubljana", "Nîmes", "Düsseldorf", "Gdańsk", "Århus",
	"Valparaíso", "Medellín", "Antananarivo", "Mombasa", "Accra", "Kumasi",
	"Da Nẵng", "Cebu", "Surabaya", "Chiang Mai", "Fukuoka", "Busan", "Tbilisi",
	"Yerevan", "Almaty", "Izmir", "Sfax", "Agadir", "Halifax", "Winnipeg",
	"Tucson", "Spokane", "Mérida", "Cuzco", "Hobart", "Dunedin",
}

var people = []string{
	"Agnieszka Wróbel", "Søren Holm", "Zoë Castellanos", "Nils Åkesson",
	"Mihai Ionescu", "Dilnoza Yusupova", "Tomás Ó Briain", "Émilie Girard",
	"Kwame Mensah", "Leilani Kahale", "Rustam Əliyev", "Ngozi Eze",
	"Hiroko Sato", "Ji-woo Park", "Bartosz Łęcki", "Ines Gonçalves",
	"Radek Šťastný", "Fatma Yıldız", "Pál Kovács", "Aoife Ní Dhuibhir",
	"Mateus Araújo", "Lucía Peña", "Björn Þórsson", "Anika Schröder",
}

var sources = []string{
	"The Harbour Courier", "Northern Ledger", "Valley Standard", "Morning Dispatch",
	"Coastline Weekly", "The Civic Record", "Plains Gazette", "Lakeside Herald",
	"Metro Bulletin", "The Daily Compass",
}

var subjects = []string{
	"council", "ministry", "regulator", "union", "court", "university",
	"hospital", "port authority", "rail operator", "utility", "start-up",
	"central bank", "school board", "museum", "orchestra", "league", "club",
	"laboratory", "water board", "airline", "bakery chain", "co-operative",
}

var verbs = []string{
	"approves", "delays", "rejects", "expands", "reviews", "funds", "cuts",
	"opens", "closes", "doubles", "questions", "backs", "trials", "scraps",
	"revives", "shelves", "maps", "audits",
}

var objects = []string{
	"bus routes", "flood barriers", "night trains", "school meals",
	"heat pumps", "housing plan", "water prices", "bridge repairs",
	"wind farm", "clinic hours", "library budget", "cycle lanes",
	"pension reform", "data centre", "fishing quotas", "grain exports",
	"vaccine drive", "tram extension", "rent caps", "solar subsidies",
	"stadium lease", "research grants", "port dredging", "sewer upgrade",
}

// tagWords are combined in pairs to make the tag pool.
var tagWords = []string{
	"energy", "housing", "transit", "budget", "courts", "elections", "health",
	"schools", "trade", "labour", "farming", "fisheries", "weather", "floods",
	"drought", "football", "cycling", "music", "film", "heritage", "science",
}

var filler = []string{
	"officials", "residents", "the plan", "the proposal", "the vote",
	"the report", "the budget", "the agency", "local firms", "the region",
	"the committee", "analysts", "the project", "the city", "workers",
	"families", "the board", "engineers", "the study", "critics",
}

var predicates = []string{
	"said the figures were higher than expected",
	"warned that costs could rise again next year",
	"expect a decision before the end of the quarter",
	"have asked for an independent review of the numbers",
	"pointed to a shortfall in the spring forecast",
	"described the change as overdue",
	"noted that similar schemes stalled twice before",
	"plan to publish the full data next month",
	"argued the timetable leaves too little room for consultation",
	"said the first phase is already running late",
	"welcomed the move but want firmer guarantees",
	"estimate the work will take about eighteen months",
	"have not said how the gap will be funded",
	"are due to meet again on Thursday",
	"counted more than four hundred responses to the consultation",
	"called the result a narrow but clear mandate",
}

var openers = []string{
	"By the afternoon", "Earlier in the week", "In a statement", "At a briefing",
	"According to the filing", "Over the weekend", "Since the spring",
	"In the latest figures", "Behind the scenes", "For now",
}
