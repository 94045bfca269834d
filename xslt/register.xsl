<?xml version="1.0" encoding="UTF-8"?>
<!-- Register: email, display name, password twice; the fields come back
     filled (except passwords) with the error next to its field. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="m:t('register.title')"/>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:call-template name="crumbs"><xsl:with-param name="here" select="m:t('register.title')"/></xsl:call-template>
    <section class="panel auth">
      <h1><xsl:value-of select="m:t('register.title')"/></h1>
      <p class="muted"><xsl:value-of select="m:t('register.lead')"/></p>
      <form class="stack" action="/register" method="post">
        <input type="hidden" name="csrf" value="{/page/session/@csrf}"/>
        <xsl:if test="string(form/@next)">
          <input type="hidden" name="next" value="{form/@next}"/>
        </xsl:if>
        <xsl:call-template name="field">
          <xsl:with-param name="name" select="'email'"/>
          <xsl:with-param name="type" select="'email'"/>
          <xsl:with-param name="label" select="m:t('register.email')"/>
          <xsl:with-param name="autocomplete" select="'email'"/>
          <xsl:with-param name="max" select="254"/>
        </xsl:call-template>
        <xsl:call-template name="field">
          <xsl:with-param name="name" select="'name'"/>
          <xsl:with-param name="label" select="m:t('register.name')"/>
          <xsl:with-param name="autocomplete" select="'nickname'"/>
          <xsl:with-param name="max" select="50"/>
          <xsl:with-param name="hint" select="m:t('register.name_hint')"/>
        </xsl:call-template>
        <xsl:call-template name="field">
          <xsl:with-param name="name" select="'password'"/>
          <xsl:with-param name="type" select="'password'"/>
          <xsl:with-param name="label" select="m:t('register.password')"/>
          <xsl:with-param name="autocomplete" select="'new-password'"/>
          <xsl:with-param name="max" select="200"/>
          <xsl:with-param name="hint" select="m:t('password.hint')"/>
        </xsl:call-template>
        <xsl:call-template name="field">
          <xsl:with-param name="name" select="'password2'"/>
          <xsl:with-param name="type" select="'password'"/>
          <xsl:with-param name="label" select="m:t('register.password2')"/>
          <xsl:with-param name="autocomplete" select="'new-password'"/>
          <xsl:with-param name="max" select="200"/>
        </xsl:call-template>
        <div class="actions">
          <button type="submit" class="primary"><xsl:value-of select="m:t('register.submit')"/></button>
        </div>
      </form>
      <p class="auth-switch">
        <xsl:value-of select="m:t('register.have_account')"/>
        <xsl:text> </xsl:text>
        <a>
          <xsl:attribute name="href">
            <xsl:text>/login</xsl:text>
            <xsl:if test="string(form/@next)">
              <xsl:text>?next=</xsl:text>
              <xsl:call-template name="url-encode"><xsl:with-param name="s" select="form/@next"/></xsl:call-template>
            </xsl:if>
          </xsl:attribute>
          <xsl:value-of select="m:t('register.signin')"/>
        </a>
      </p>
    </section>
  </xsl:template>

</xsl:stylesheet>
