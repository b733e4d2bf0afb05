BEGIN TRANSACTION;
CREATE TABLE aliases (
            entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            pejorative INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (entity_id, name)
        );
INSERT INTO "aliases" VALUES('ansar-2015/e2','Ansar al-Islam','ansar islam',0);
INSERT INTO "aliases" VALUES('ansar-2015/e3','IS','is',0);
INSERT INTO "aliases" VALUES('ansar-2015/e3','khawarij','kavarij',1);
INSERT INTO "aliases" VALUES('news-2016/e1','Abu Obeida','abu ubada',0);
INSERT INTO "aliases" VALUES('news-2016/e3','Islamic State','islami davla',0);
CREATE TABLE canonical_entities (
            id TEXT PRIMARY KEY,
            type TEXT NOT NULL,
            name TEXT NOT NULL,
            reference_id TEXT,
            created_at TEXT NOT NULL
        );
INSERT INTO "canonical_entities" VALUES('ent-30f8d3d9a7bc','Person','Abu Obeida',NULL,'2026-12-01T23:41:42+00:00');
INSERT INTO "canonical_entities" VALUES('ent-d37d4795c617','Organization','Jamaat Ansar al-Islam',NULL,'2026-12-01T23:41:42+00:00');
INSERT INTO "canonical_entities" VALUES('ent-83b1c5abb9b5','Organization','Islamic State',NULL,'2026-12-01T23:41:42+00:00');
INSERT INTO "canonical_entities" VALUES('ent-cd7d38079f0e','Person','Abu Omar al-Falastini',NULL,'2026-12-01T23:41:42+00:00');
INSERT INTO "canonical_entities" VALUES('ent-b88d2278b107','Place','Mosul','geonames:99072','2026-12-01T23:41:42+00:00');
INSERT INTO "canonical_entities" VALUES('ent-07f8fb055af6','Organization','Ansar al-Sunna',NULL,'2026-12-01T23:41:42+00:00');
INSERT INTO "canonical_entities" VALUES('ent-a57d1230ce65','Place','Kirkuk',NULL,'2026-12-01T23:41:42+00:00');
INSERT INTO "canonical_entities" VALUES('ent-5ab4d7baa72a','Organization','Islamic Army in Iraq',NULL,'2026-12-01T23:41:42+00:00');
CREATE TABLE claims (
            id TEXT PRIMARY KEY,
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            local_id TEXT NOT NULL,
            subject_id TEXT REFERENCES entities(id),
            predicate TEXT NOT NULL,
            object_id TEXT REFERENCES entities(id),
            time_start TEXT,
            time_end TEXT,
            time_text TEXT,
            time_precision TEXT,
            place_id TEXT REFERENCES entities(id),
            role TEXT,
            stance TEXT NOT NULL,
            source_id TEXT REFERENCES entities(id),
            evidence_start INTEGER NOT NULL,
            evidence_end INTEGER NOT NULL,
            evidence_text TEXT NOT NULL,
            cue TEXT,
            qualifiers TEXT NOT NULL DEFAULT '{}',
            extractor TEXT NOT NULL
        );
INSERT INTO "claims" VALUES('f183863190f8df5fe7681be7393e0116636544d3d047d6daf97c022ac9ce20d9','ansar-2015','c1','ansar-2015/e1','pledged_allegiance','ansar-2015/e3','2014-06-20','2014-06-30','the end of June 2014',NULL,NULL,NULL,'reported','ansar-2015/e4',0,157,'Abu Obeida, a Shari''a official of Jamaat Ansar al-Islam, pledged allegiance to the Islamic State at the end of June 2014, according to Abu Omar al-Falastini.',NULL,'{}','allegiance-rules-v3');
INSERT INTO "claims" VALUES('a36d231b164fc3acefe147435d55ca07a937300147910a95c1a2224a171f5214','ansar-2015','c2','ansar-2015/e1','member_of','ansar-2015/e2',NULL,NULL,NULL,NULL,NULL,'Shari''a official','asserted',NULL,0,157,'Abu Obeida, a Shari''a official of Jamaat Ansar al-Islam, pledged allegiance to the Islamic State at the end of June 2014, according to Abu Omar al-Falastini.',NULL,'{}','allegiance-rules-v3');
INSERT INTO "claims" VALUES('5186eda77a646c902a690deede6b5f6f75e0ab6dec61add5516ee81bdb04e205','ansar-2015','c3','ansar-2015/e3','captured','ansar-2015/e5','2014-06-01','2014-06-30','June 2014',NULL,NULL,NULL,'asserted',NULL,158,206,'The khawarij [IS] had seized Mosul in June 2014.',NULL,'{}','allegiance-rules-v3');
INSERT INTO "claims" VALUES('ba86de3cfa0e39919b1b8c9214d9e64ab4057b172682f1252920f4260f1100be','ansar-2015','c4','ansar-2015/e2','hostile_to','ansar-2015/e6','2007-01-01','2007-12-31','2007',NULL,'ansar-2015/e7',NULL,'asserted',NULL,207,267,'Ansar al-Islam and Ansar al-Sunna clashed in Kirkuk in 2007.',NULL,'{}','allegiance-rules-v3');
INSERT INTO "claims" VALUES('16acce1fb9032818c0f1fe98c50b395444b3e3d9768b32b9d5d20b11d9c663a8','ansar-2015','c5',NULL,'founded','ansar-2015/e2','2001-01-01','2001-12-31','2001',NULL,NULL,NULL,'asserted',NULL,268,310,'Jamaat Ansar al-Islam was founded in 2001.',NULL,'{}','allegiance-rules-v3');
INSERT INTO "claims" VALUES('1fc9592cdbe87eb8528e3a1b16411014975ff85a36b29dc17d667781029b473a','news-2016','c1',NULL,'killed','news-2016/e1','2015-12-01','2015-12-31','December 2015',NULL,'news-2016/e2',NULL,'asserted',NULL,0,86,'Abu Ubaida al-Iraqi, also known as Abu Obeida, was killed near Mosul in December 2015.',NULL,'{}','allegiance-rules-v3');
INSERT INTO "claims" VALUES('3d813f5657364ff5b3ec783c4fd00afa28c35c3aa11513b36431dc9726b193fe','news-2016','c2','news-2016/e1','member_of','news-2016/e3',NULL,NULL,NULL,NULL,NULL,'governor','reported',NULL,87,138,'ISIS had named him a governor, a local source said.',NULL,'{}','allegiance-rules-v3');
INSERT INTO "claims" VALUES('b654b292df2a03dd344aa77b67b5017c5a14dbb5f2a5c3eeb185a65b3d8dc1d4','army-2007','c1','army-2007/e1','leader_of','army-2007/e2','2006-01-01','2006-12-31','2006',NULL,NULL,NULL,'asserted',NULL,0,78,'A second man called Abu Obeida led a unit of the Islamic Army in Iraq in 2006.',NULL,'{}','allegiance-rules-v3');
CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            content_hash TEXT NOT NULL UNIQUE,
            title TEXT,
            author TEXT,
            published TEXT,
            path TEXT,
            metadata TEXT NOT NULL DEFAULT '{}',
            text TEXT,
            ingested_at TEXT NOT NULL
        );
INSERT INTO "documents" VALUES('ansar-2015','6401bfc532c6d213a99dba18e5c4094218b4eb6cb87b6b749dca8ebc1b16c3bc','Ansar al-Islam and the Islamic State','A. Analyst','2015-03-18',NULL,'{"author": "A. Analyst", "id": "ansar-2015", "published": "2015-03-18", "title": "Ansar al-Islam and the Islamic State"}','Abu Obeida, a Shari''a official of Jamaat Ansar al-Islam, pledged allegiance to the Islamic State at the end of June 2014, according to Abu Omar al-Falastini. The khawarij [IS] had seized Mosul in June 2014. Ansar al-Islam and Ansar al-Sunna clashed in Kirkuk in 2007. Jamaat Ansar al-Islam was founded in 2001.','2026-12-01T23:41:41+00:00');
INSERT INTO "documents" VALUES('news-2016','82a0ea26c9db5b51a0386ff54be769622bfbda3bcafd665e94bc936de3dcb168','Commander killed near Mosul',NULL,'2016-01-10',NULL,'{"id": "news-2016", "published": "2016-01-10", "title": "Commander killed near Mosul"}','Abu Ubaida al-Iraqi, also known as Abu Obeida, was killed near Mosul in December 2015. ISIS had named him a governor, a local source said.','2026-12-01T23:41:42+00:00');
INSERT INTO "documents" VALUES('army-2007','8a2ed7f8ca77d19ab9ab3cee747250bc82023751169460dc7c0ae4a6c942d5c6','The Islamic Army''s units',NULL,'2007-02-01',NULL,'{"id": "army-2007", "published": "2007-02-01", "title": "The Islamic Army''s units"}','A second man called Abu Obeida led a unit of the Islamic Army in Iraq in 2006.','2026-12-01T23:41:42+00:00');
CREATE TABLE entities (
            id TEXT PRIMARY KEY,
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            local_id TEXT NOT NULL,
            type TEXT NOT NULL,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            reference_id TEXT,
            auto_canonical_id TEXT NOT NULL REFERENCES canonical_entities(id),
            canonical_id TEXT NOT NULL REFERENCES canonical_entities(id),
            resolved_by TEXT NOT NULL,
            seq INTEGER NOT NULL,
            UNIQUE (document_id, local_id)
        );
INSERT INTO "entities" VALUES('ansar-2015/e1','ansar-2015','e1','Person','Abu Obeida','abu ubada',NULL,'ent-30f8d3d9a7bc','ent-30f8d3d9a7bc','new',1);
INSERT INTO "entities" VALUES('ansar-2015/e2','ansar-2015','e2','Organization','Jamaat Ansar al-Islam','jamat ansar islam',NULL,'ent-d37d4795c617','ent-d37d4795c617','new',2);
INSERT INTO "entities" VALUES('ansar-2015/e3','ansar-2015','e3','Organization','Islamic State','islami davla',NULL,'ent-83b1c5abb9b5','ent-83b1c5abb9b5','new',3);
INSERT INTO "entities" VALUES('ansar-2015/e4','ansar-2015','e4','Person','Abu Omar al-Falastini','abu falastini umar',NULL,'ent-cd7d38079f0e','ent-cd7d38079f0e','new',4);
INSERT INTO "entities" VALUES('ansar-2015/e5','ansar-2015','e5','Place','Mosul','musul',NULL,'ent-b88d2278b107','ent-b88d2278b107','new',5);
INSERT INTO "entities" VALUES('ansar-2015/e6','ansar-2015','e6','Organization','Ansar al-Sunna','ansar suna',NULL,'ent-07f8fb055af6','ent-07f8fb055af6','new',6);
INSERT INTO "entities" VALUES('ansar-2015/e7','ansar-2015','e7','Place','Kirkuk','kirkuk',NULL,'ent-a57d1230ce65','ent-a57d1230ce65','new',7);
INSERT INTO "entities" VALUES('news-2016/e1','news-2016','e1','Person','Abu Ubaida al-Iraqi','abu iraki ubada',NULL,'ent-30f8d3d9a7bc','ent-30f8d3d9a7bc','alias',8);
INSERT INTO "entities" VALUES('news-2016/e2','news-2016','e2','Place','Mosul','musul','geonames:99072','ent-b88d2278b107','ent-b88d2278b107','name',9);
INSERT INTO "entities" VALUES('news-2016/e3','news-2016','e3','Organization','ISIS','isis',NULL,'ent-83b1c5abb9b5','ent-83b1c5abb9b5','alias',10);
INSERT INTO "entities" VALUES('army-2007/e1','army-2007','e1','Person','Abu Obeida','abu ubada',NULL,'ent-30f8d3d9a7bc','ent-30f8d3d9a7bc','name',11);
INSERT INTO "entities" VALUES('army-2007/e2','army-2007','e2','Organization','Islamic Army in Iraq','islami jas irak',NULL,'ent-5ab4d7baa72a','ent-5ab4d7baa72a','new',12);
CREATE TABLE judgements (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL CHECK (kind IN ('merge', 'split', 'reject')),
            left_id TEXT NOT NULL,
            right_id TEXT,
            members TEXT NOT NULL DEFAULT '[]',
            reason TEXT NOT NULL,
            by TEXT NOT NULL,
            at TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1
        );
INSERT INTO "judgements" VALUES(1,'merge','ent-83b1c5abb9b5','ent-d37d4795c617','["ansar-2015/e2"]','test merge kept across migration','unknown','2026-12-01T23:41:42+00:00',0);
CREATE TABLE mentions (
            entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (entity_id, start, "end")
        );
INSERT INTO "mentions" VALUES('ansar-2015/e1','ansar-2015',0,10,'Abu Obeida');
INSERT INTO "mentions" VALUES('ansar-2015/e2','ansar-2015',34,55,'Jamaat Ansar al-Islam');
INSERT INTO "mentions" VALUES('ansar-2015/e2','ansar-2015',268,289,'Jamaat Ansar al-Islam');
INSERT INTO "mentions" VALUES('ansar-2015/e2','ansar-2015',41,55,'Ansar al-Islam');
INSERT INTO "mentions" VALUES('ansar-2015/e2','ansar-2015',207,221,'Ansar al-Islam');
INSERT INTO "mentions" VALUES('ansar-2015/e2','ansar-2015',275,289,'Ansar al-Islam');
INSERT INTO "mentions" VALUES('ansar-2015/e3','ansar-2015',83,96,'Islamic State');
INSERT INTO "mentions" VALUES('ansar-2015/e3','ansar-2015',172,174,'IS');
INSERT INTO "mentions" VALUES('ansar-2015/e3','ansar-2015',162,170,'khawarij');
INSERT INTO "mentions" VALUES('ansar-2015/e4','ansar-2015',135,156,'Abu Omar al-Falastini');
INSERT INTO "mentions" VALUES('ansar-2015/e5','ansar-2015',187,192,'Mosul');
INSERT INTO "mentions" VALUES('ansar-2015/e6','ansar-2015',226,240,'Ansar al-Sunna');
INSERT INTO "mentions" VALUES('ansar-2015/e7','ansar-2015',252,258,'Kirkuk');
INSERT INTO "mentions" VALUES('news-2016/e1','news-2016',0,19,'Abu Ubaida al-Iraqi');
INSERT INTO "mentions" VALUES('news-2016/e1','news-2016',35,45,'Abu Obeida');
INSERT INTO "mentions" VALUES('news-2016/e2','news-2016',63,68,'Mosul');
INSERT INTO "mentions" VALUES('news-2016/e3','news-2016',87,91,'ISIS');
INSERT INTO "mentions" VALUES('army-2007/e1','army-2007',20,30,'Abu Obeida');
INSERT INTO "mentions" VALUES('army-2007/e2','army-2007',49,69,'Islamic Army in Iraq');
CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL);
INSERT INTO "migrations" VALUES('0001_documents','2026-12-01T23:41:41+00:00');
INSERT INTO "migrations" VALUES('0002_entities','2026-12-01T23:41:41+00:00');
INSERT INTO "migrations" VALUES('0003_claims','2026-12-01T23:41:41+00:00');
INSERT INTO "migrations" VALUES('0004_judgements','2026-12-01T23:41:41+00:00');
INSERT INTO "migrations" VALUES('0005_entity_key_index','2026-12-01T23:41:41+00:00');
CREATE INDEX entities_canonical ON entities(canonical_id);
CREATE INDEX entities_reference ON entities(reference_id);
CREATE INDEX aliases_key ON aliases(name_key);
CREATE INDEX claims_subject ON claims(subject_id);
CREATE INDEX claims_object ON claims(object_id);
CREATE INDEX claims_document ON claims(document_id);
CREATE INDEX entities_key ON entities(name_key, type);
CREATE INDEX entities_document ON entities(document_id, canonical_id);
CREATE INDEX entities_seq ON entities(seq);
DELETE FROM "sqlite_sequence";
INSERT INTO "sqlite_sequence" VALUES('judgements',1);
COMMIT;
