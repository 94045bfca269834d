<?xml version="1.0" encoding="UTF-8"?>
<!-- Sign in: email and password; a failure (or too many of them) shows at
     the top of the page from the layout. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="m:t('login.title')"/>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="email" select="form/field[@name = 'email']"/>
    <xsl:call-template name="crumbs"><xsl:with-param name="here" select="m:t('login.title')"/></xsl:call-template>
    <section class="panel auth">
      <h1><xsl:value-of select="m:t('login.title')"/></h1>
      <p class="muted"><xsl:value-of select="m:t('login.lead')"/></p>
      <form class="stack" action="/login" method="post">
        <input type="hidden" name="csrf" value="{/page/session/@csrf}"/>
        <xsl:if test="string(form/@next)">
          <input type="hidden" name="next" value="{form/@next}"/>
        </xsl:if>
        <label class="field">
          <span><xsl:value-of select="m:t('login.email')"/></span>
          <input type="email" name="email" required="required" maxlength="254" autocomplete="username" value="{$email}">
            <xsl:if test="not(string($email))"><xsl:attribute name="autofocus">autofocus</xsl:attribute></xsl:if>
            <xsl:if test="form-error"><xsl:attribute name="aria-invalid">true</xsl:attribute></xsl:if>
          </input>
        </label>
        <label class="field">
          <span><xsl:value-of select="m:t('login.password')"/></span>
          <input type="password" name="password" required="required" maxlength="200" autocomplete="current-password">
            <xsl:if test="string($email)"><xsl:attribute name="autofocus">autofocus</xsl:attribute></xsl:if>
            <xsl:if test="form-error"><xsl:attribute name="aria-invalid">true</xsl:attribute></xsl:if>
          </input>
        </label>
        <div class="actions">
          <button type="submit" class="primary"><xsl:value-of select="m:t('login.submit')"/></button>
        </div>
      </form>
      <p class="auth-switch">
        <xsl:value-of select="m:t('login.no_account')"/>
        <xsl:text> </xsl:text>
        <a>
          <xsl:attribute name="href">
            <xsl:text>/register</xsl:text>
            <xsl:if test="string(form/@next)">
              <xsl:text>?next=</xsl:text>
              <xsl:call-template name="url-encode"><xsl:with-param name="s" select="form/@next"/></xsl:call-template>
            </xsl:if>
          </xsl:attribute>
          <xsl:value-of select="m:t('login.register')"/>
        </a>
      </p>
    </section>
  </xsl:template>
</xsl:stylesheet>
