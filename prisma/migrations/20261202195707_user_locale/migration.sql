-- The language mail is written in for each user (the one they last chose on the site); everyone
-- before this column reads the default language.
ALTER TABLE "User" ADD COLUMN "locale" TEXT NOT NULL DEFAULT 'zh-CN';
